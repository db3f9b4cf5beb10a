package emulator_test

import (
	"fmt"
	"time"

	"github.com/nanolambda/nl/emulator"
)

func ExampleParseSensorSpec() {
	src, err := emulator.ParseSensorSpec("accelerometer:seed=7,fault=stuck@10s;temperature", "", 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := src.Read("ax", 20*time.Second)
	b, _ := src.Read("ax", 30*time.Second)
	fmt.Println(src.Channels(), a == b)
	// Output: [ax ay az temp] true
}
