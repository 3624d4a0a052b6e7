"""`ansinh worker`: a worker of the task queue (django-tasks database backend) with a heartbeat,
so that the tasks of a worker that died are run again. Several may run at once (PostgreSQL)."""

from django_tasks_db.management.commands import db_worker

from ansinh.core import jobs


class Command(db_worker.Command):
    help = "Chạy bộ xử lý nền: lập danh sách chi trả, tính lại, tạo tệp quyết định, nhập tệp lớn."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False, queue_name="*")

    def handle(self, *args, **options):
        jobs.start_heartbeat(
            options["worker_id"]
        )  # its row stays when it exits: it tells what it left running
        super().handle(*args, **options)
