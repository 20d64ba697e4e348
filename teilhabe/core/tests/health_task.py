from django_tasks import task


@task()
def noop() -> None:
    """A task for the queue checks; it does nothing."""
