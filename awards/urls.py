from django.urls import path

from awards import views, views_council, views_documents, views_year

app_name = "awards"

urlpatterns = [
    path("<int:year>/summary/", views.year_summary, name="year-summary"),
    path("<int:year>/staff/<int:pk>/", views.person_year, name="person-year"),
    path("<int:year>/staff/<int:pk>/self-assessment/", views_year.self_assess, name="self-assess"),
    path("<int:year>/staff/<int:pk>/propose/", views_year.propose, name="propose"),
    path("<int:year>/staff/<int:pk>/decide/", views_year.decide_rating, name="decide-rating"),
    path("<int:year>/ratings/", views_year.ratings, name="ratings"),
    path("<int:year>/divisions/<int:pk>/", views_year.division_year, name="division-year"),
    path("<int:year>/divisions/<int:pk>/rate/", views_year.rate_division, name="rate-division"),
    path("<int:year>/eligibility/", views_year.eligibility, name="eligibility"),
    path("<int:year>/nominations/", views_year.nominations, name="nominations"),
    path("<int:year>/nominations/new/", views_year.nominate, name="nominate"),
    path("<int:year>/nominations/ldtt/", views_year.nominate_ldtt, name="nominate-ldtt"),
    path("<int:year>/nominations/<int:pk>/", views_year.nomination, name="nomination"),
    path("<int:year>/nominations/<int:pk>/<str:action>/", views_year.nomination_action, name="nomination-action"),
    path("<int:year>/council/", views_council.council, name="council"),
    path("<int:year>/council/new/", views_council.council_form, name="council-new"),
    path("<int:year>/council/<int:pk>/", views_council.council_session, name="council-session"),
    path("<int:year>/council/<int:pk>/edit/", views_council.council_form, name="council-edit"),
    path("<int:year>/notice/", views_council.notice, name="notice"),
    path("<int:year>/notice/publish/", views_council.notice_publish, name="notice-publish"),
    path("<int:year>/notice/comment/", views_council.notice_comment, name="notice-comment"),
    path("<int:year>/documents/<str:kind>.<str:fmt>", views_documents.document, name="document"),
    path("<int:year>/nominations/<int:pk>/achievement.pdf", views_documents.achievement, name="achievement"),
]
