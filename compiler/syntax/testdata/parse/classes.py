# Classes: bases, methods, class attributes, super, dunders.
class Empty: pass
class Point:
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __eq__(self, other):
        return self.x == other.x and self.y == other.y
class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
class Old():
    """Docstring."""
class Meta(Base, metaclass=M, **kw): pass
@dataclass
class D: x: int = 0
