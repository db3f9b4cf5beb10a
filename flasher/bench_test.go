package flasher_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/linksim"
	"github.com/nanolambda/nl/flasher/romsim"
)

// BenchmarkFlashROM writes an image through the ROM protocol over a pty
// throttled to the line rate (10 bits per byte) and reports wire bytes per
// image byte and the fraction of the line rate achieved.
//
//	go test -run '^$' -bench FlashROM -benchtime 1x ./flasher/
func BenchmarkFlashROM(b *testing.B) {
	for _, tc := range []struct {
		baud int
		size int
	}{{115200, 16 << 10}, {921600, 64 << 10}} {
		b.Run(fmt.Sprintf("baud=%d/size=%dK", tc.baud, tc.size>>10), func(b *testing.B) {
			r := newRigB(b, tc.baud)
			if err := r.f.Connect(context.Background()); err != nil {
				b.Fatal(err)
			}
			img := []flasher.Image{{Name: "app", Addr: 0x10000, Data: junk(tc.size, 1)}}
			b.SetBytes(int64(tc.size))
			b.ResetTimer()
			var rep flasher.Report
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				start := time.Now()
				var err error
				if rep, err = r.f.WriteFlash(context.Background(), img); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(start)
			}
			lineRate := float64(tc.baud) / 10 // bytes per second
			perRun := elapsed.Seconds() / float64(b.N)
			b.ReportMetric(float64(rep.WireBytes)/float64(tc.size), "wire-bytes/image-byte")
			b.ReportMetric(float64(tc.size)/perRun/lineRate, "of-line-rate")
		})
	}
}

type rigB struct{ f *flasher.Flasher }

func newRigB(b *testing.B, baud int) *rigB {
	b.Helper()
	sim := mustSim(b)
	link, err := linksim.New(linksim.Options{Baud: baud})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { link.Close() })
	go sim.Serve(link.Device)
	port, err := flasher.OpenPort(link.Path, baud)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { port.Close() })
	return &rigB{f: flasher.New(port, flasher.Options{})}
}

func mustSim(b *testing.B) *romsim.Sim {
	sim, err := romsim.New(romsim.Options{Chip: "esp8266", Flash: junk(1<<20, 1)})
	if err != nil {
		b.Fatal(err)
	}
	return sim
}
