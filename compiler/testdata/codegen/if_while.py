if not x:
    y = 1
elif x and z:
    y = 2
else:
    y = 3
while True:
    if y:
        break
    y -= 1
