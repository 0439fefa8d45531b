from django.conf import settings


def portal(request):
    """Settings the templates show to people."""
    return {"login_cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}
