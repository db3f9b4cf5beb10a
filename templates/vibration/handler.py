# Motor-vibration failure detector.
#
# On the device this handler runs five times a second. Each run reads the
# accelerometer once and keeps the last 32 readings (6.4 s of history); when
# the vibration in that window departs from the motor's normal level it
# raises an alert. An event may also carry a batch of readings (from a
# gateway or a test), which are used instead of the sensor.
import math
import device

WINDOW = 32          # readings kept
NORMAL_RMS = 0.045   # vibration of a healthy motor, in g (RMS about the mean)
ALERT_RATIO = 2.5    # alert when the window's RMS exceeds normal by this factor
STUCK_RATIO = 0.1    # below this the sensor is probably stuck, not the motor quiet
SPIKE_G = 0.5        # a single deviation this large (in g) is an impact

history = []


def add_reading(x, y, z):
    history.append((x, y, z))
    if len(history) > WINDOW:
        history.pop(0)


def window_stats():
    n = len(history)
    mx = sum(r[0] for r in history) / n
    my = sum(r[1] for r in history) / n
    mz = sum(r[2] for r in history) / n
    total = 0.0
    peak = 0.0
    for x, y, z in history:
        d = math.sqrt((x - mx) ** 2 + (y - my) ** 2 + (z - mz) ** 2)
        total += d * d
        if d > peak:
            peak = d
    return math.sqrt(total / n), peak


def handler(event, context):
    readings = event.get("readings")
    if readings:
        for r in readings:
            add_reading(r[0], r[1], r[2])
    else:
        x, y, z = device.accelerometer()
        add_reading(x, y, z)
    normal = event.get("normal_rms", NORMAL_RMS)
    if len(history) < 4:
        return {"status": "warming_up", "readings": len(history)}
    rms, peak = window_stats()
    ratio = rms / normal
    if ratio > ALERT_RATIO:
        status = "alert"
        reason = f"vibration {ratio:.1f}x normal"
    elif peak > SPIKE_G:
        status = "alert"
        reason = f"impact of {peak:.2f} g"
    elif ratio < STUCK_RATIO:
        status = "sensor_fault"
        reason = "no vibration at all: check the sensor"
    else:
        status = "ok"
        reason = ""
    if status != "ok":
        device.gpio_write(2, 1)   # alert LED
    result = {
        "status": status,
        "rms_g": round(rms, 4),
        "peak_g": round(peak, 4),
        "ratio": round(ratio, 2),
        "readings": len(history),
    }
    if reason:
        result["reason"] = reason
    return result
