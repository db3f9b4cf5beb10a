/* A tiny ESP8266 firmware shape: IRAM code, DRAM data, flash-resident code. */
volatile int counter = 5;
const char msg[] = "hello nl";
int bss_var;

__attribute__((section(".irom0.text"))) int flash_fn(int x) { return x * 3 + counter; }

void call_user_start(void) {
	bss_var = flash_fn(msg[0]);
	for (;;) {
	}
}
