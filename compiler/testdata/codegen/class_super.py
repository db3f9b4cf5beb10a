class B(A):
    n = 1
    def __init__(self, v):
        super().__init__(v)
        self.v = v
