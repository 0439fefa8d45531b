from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    name = "discipline"
    verbose_name = _("Discipline records")

    def ready(self):
        from discipline import signals  # noqa: F401  (connects the freeze of closed months)
