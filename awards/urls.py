from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("<int:year>/summary/", views.year_summary, name="year-summary"),
    path("<int:year>/staff/<int:pk>/", views.person_year, name="person-year"),
]
