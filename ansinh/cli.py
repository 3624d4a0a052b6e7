"""The `ansinh` console script: Django's management commands under the project's name."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ansinh", *sys.argv[1:]])


if __name__ == "__main__":
    main()
