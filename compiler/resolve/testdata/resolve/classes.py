# Class bodies are a scope whose names methods cannot see.
size = 10
class Box(Base):
    size = 3
    scale = size * 2
    def area(self):
        return size * self.size
    def __init__(self, w):
        super().__init__()
        self.w = w
def make(v):
    class Inner:
        val = v
        def get(self):
            return v
    return Inner
