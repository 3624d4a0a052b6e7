from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web (waitress) phục vụ An Sinh."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, **options):
        from django.conf import settings
        from waitress import serve

        from ansinh.wsgi import application

        self.stdout.write(f"An Sinh đang chạy tại http://{options['host']}:{options['port']}/ (Ctrl+C để dừng)")
        # Behind the reverse proxy, X-Forwarded-Proto/-For reach Django, which decides whom to trust
        # (SECURE_PROXY_SSL_HEADER, ANSINH_TRUSTED_PROXIES); waitress would otherwise drop them.
        serve(application, host=options["host"], port=options["port"], threads=options["threads"],
              clear_untrusted_proxy_headers=not settings.BEHIND_PROXY)
