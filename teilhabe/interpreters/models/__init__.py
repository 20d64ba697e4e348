from .survey import *  # noqa: F403
