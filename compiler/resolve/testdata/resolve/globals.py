# global declarations, module names created from functions, builtins.
def setup():
    global config, ready
    config = {}
    ready = True
def use():
    return config, ready, missing, len
class K:
    global shared
    shared = 1
