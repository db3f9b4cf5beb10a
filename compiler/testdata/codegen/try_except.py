try:
    f()
except ValueError as e:
    g(e)
except:
    h()
else:
    k()
