"""Response headers every page gets: the Content-Security-Policy and, for anything a signed-in
user receives, Cache-Control: no-store. Static files are answered by WhiteNoise before this
middleware runs, so they keep their long cache lifetime."""
from django.conf import settings
from django.utils.cache import add_never_cache_headers


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)  # the API's token user too: DRF sets it on the request
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
