import math
import json as j
from time import sleep, time as now
