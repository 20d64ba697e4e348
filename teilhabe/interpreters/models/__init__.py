from .pool import *  # noqa: F403
from .survey import *  # noqa: F403
