# Stub: the person's-version / PDF helper replaces this module.
urlpatterns = []
