from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/copy/", views.campaign_copy, name="campaign-copy"),
]
