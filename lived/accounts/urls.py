from django.urls import path

from lived.accounts import views, views_roles

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignIn.as_view(), name="sign_in"),
    path("sign-out/", views.SignOut.as_view(), name="sign_out"),
    path("password-reset/", views.PasswordReset.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDone.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", views.PasswordResetComplete.as_view(), name="password_reset_complete"),
    path("two-factor/setup/", views.TwoFactorSetup.as_view(), name="two_factor_setup"),
    path("two-factor/verify/", views.TwoFactorVerify.as_view(), name="two_factor_verify"),
    path("role-requests/", views_roles.RoleRequests.as_view(), name="role_requests"),
    path("role-requests/<uuid:request_id>/", views_roles.RoleRequestDetail.as_view(), name="role_request"),
]
