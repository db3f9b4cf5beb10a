d = {"a": "x", "bb": [1, 2]}
w, p, right = 8, 3, True
x = 3.14159
print(f"{d['a']:>{w}}|{x:{'>' if right else '<'}10.2f}|{'{'}|{x!r:^{w + 10}}|{(lambda: 1)()}|{ {'a': 1}['a'] }|{x:{''}}")
print(f"{d['bb'][1]:03d} {len(d)=} {x*2:.{p}} {'nested ' f'{w}'}", f'{"dq"}', f"""{'tq'}""", f"{w:{w}}|", f"{'%'}")
print(f"{x:e}", f"{x:E}", f"{x:G}", f"{1e-10:g}", f"{12345:_}", f"{-0.0:+}", f"{float('nan'):5}|", f"{float('inf'):<6}|")
name = "val"
print(f"{name=!s:>8}|", f"{ w = }", f"{x = :.1f}")
print(f"{'a' 'b'}", f"{w:#x}{w:#o}{w:#b}", f"{255:X}", f"{-255:x}", f"{1000000:,.1f}", f"{0.5:.0%}", f"{123:+08d}")
