# Import forms.
import math
import json as j, time
import os.path
import a.b.c as d
from math import sqrt
from math import sqrt as s, pi
from math import (sqrt, pi,)
from math import (
    floor,
    ceil as c,
)
from . import sibling
from .. import parent
from .mod import name
from ...deep import x
from m import *
