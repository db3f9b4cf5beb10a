package config_test

import (
	"fmt"

	"github.com/nanolambda/nl/config"
)

func ExampleProject_Profile() {
	p, err := config.Parse("/proj/nanolambda.toml", []byte(`
[device.motor-node]
base = "esp8266"
heap_bytes = 49152
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	prof, _ := p.Profile("motor-node")
	fmt.Println(prof.Name, prof.HeapBytes, prof.ClockHz, prof.Duration(1_000_000))
	// Output: motor-node 49152 80000000 750ms
}

func ExampleParse_error() {
	_, err := config.Parse("nanolambda.toml", []byte("[[function]]\nname = \"f\"\nhandler = \"handler.handler\"\nsize_budjet = 4096\n"))
	fmt.Println(err)
	// Output: nanolambda.toml:4:1: function.size_budjet: unknown key (did you mean "size_budget"?)
}
