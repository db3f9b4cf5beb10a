# An uncaught exception raised deep inside a method called from a comprehension:
# stdout, the traceback's frames (file, line, function) and its last line must
# match CPython's.

class Sensor:
    def __init__(self, name, scale):
        self.name = name
        self.scale = scale

    def read(self, raw):
        if raw is None:
            raise KeyError(self.name)
        return raw * self.scale


def readings(sensors, raws):
    return [s.read(r) for s, r in zip(sensors, raws)]


def main():
    sensors = [Sensor("t1", 2), Sensor("t2", 3)]
    print(readings(sensors, [1, 2]))
    print(readings(sensors, [4, None]))


main()
