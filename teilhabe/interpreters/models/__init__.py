from .pool import *  # noqa: F403
