def f():
    for x in y:
        try:
            if x:
                return 1
            break
        finally:
            cleanup()
