"""Fire the same request from several threads at once (each thread has its own database
connection), for the concurrency tests of issue 10."""

import threading

from django.db import connections


def race(count, action):
    """Run action(i) for i in range(count) in threads released together; the results or the exceptions."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = action(index)
        except Exception as error:  # the outcome under test: success or the refusal
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
