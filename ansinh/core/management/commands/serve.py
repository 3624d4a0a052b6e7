from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web (waitress) phục vụ An Sinh."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, **options):
        from waitress import serve

        from ansinh.wsgi import application

        self.stdout.write(f"An Sinh đang chạy tại http://{options['host']}:{options['port']}/ (Ctrl+C để dừng)")
        serve(application, host=options["host"], port=options["port"], threads=options["threads"])
