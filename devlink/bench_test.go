package devlink_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nanolambda/nl/devlink"
	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/linksim"
)

// BenchmarkDeploy uploads a 4 KB image over a pty throttled to the line rate
// and reports the protocol's overhead: bytes sent per image byte, bytes
// received (acks and responses) per image byte, and the fraction of the line
// rate achieved.
//
//	go test -run '^$' -bench Deploy -benchtime 3x ./devlink/
func BenchmarkDeploy(b *testing.B) {
	for _, baud := range []int{115200, 921600} {
		b.Run(fmt.Sprintf("baud=%d/size=4K", baud), func(b *testing.B) {
			link, err := linksim.New(linksim.Options{Baud: baud})
			if err != nil {
				b.Fatal(err)
			}
			defer link.Close()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go (&devlink.Device{Exec: newMem()}).Serve(ctx, link.Device)
			port, err := flasher.OpenPort(link.Path, baud)
			if err != nil {
				b.Fatal(err)
			}
			defer port.Close()
			c, err := devlink.Connect(ctx, port, devlink.Options{Baud: baud})
			if err != nil {
				b.Fatal(err)
			}
			img := image(4096, 1)
			out0, in0 := c.Stats.BytesOut, c.Stats.BytesIn
			b.SetBytes(int64(len(img)))
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				if err := c.Deploy(ctx, "f", img); err != nil {
					b.Fatal(err)
				}
			}
			el := time.Since(start).Seconds() / float64(b.N)
			n := float64(b.N * len(img))
			b.ReportMetric(float64(c.Stats.BytesOut-out0)/n, "sent-bytes/image-byte")
			b.ReportMetric(float64(c.Stats.BytesIn-in0)/n, "received-bytes/image-byte")
			b.ReportMetric(float64(len(img))/el/(float64(baud)/10), "of-line-rate")
			b.ReportMetric(float64(c.Stats.Retransmits), "retransmits")
		})
	}
}
