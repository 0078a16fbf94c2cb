# veristep — a teaching sandbox for the Linux BPF verifier. See README.md.
#
#   make demo      install what is missing, build, open the first lesson
#   make test      the whole suite (unit, golden, kernel, screen, fuzz)
#   make deps      install the Debian packages veristep needs
#   make kernel    build the bundled lab kernel (cached outside the repo)
#   make asan      ASan+UBSan build of everything, and its tests
#   make debug     -O0 build
#   make compile_commands.json
#   make bench     benchmarks (figures, not assertions)
#   make goldens   record the real kernel's verdicts/logs into tests/golden

CC        ?= gcc
CLANG_BPF ?= clang-19
BUILD     ?= build
OPT       ?= -O2 -g
JOBS      ?= $(shell nproc)

WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wundef -Wpointer-arith -Wcast-qual -Wwrite-strings \
            -Wmissing-declarations -Wvla -Wno-unused-parameter
CFLAGS   ?= $(OPT)
CFLAGS   += -std=gnu11 $(WARNINGS) -D_GNU_SOURCE -MMD -MP
SANITIZE ?=
CFLAGS   += $(SANITIZE)
LDFLAGS  += $(SANITIZE)

# The kernel tree's libbpf 1.8, built once per kernel version outside the repo
# (kernel/libbpf.sh says why not bookworm's 1.1). Evaluated lazily and once,
# so `make deps` works before anything is installed.
LIBBPF_PREFIX = $(eval LIBBPF_PREFIX := $(shell kernel/libbpf.sh))$(LIBBPF_PREFIX)
LIBBPF_CFLAGS = -isystem $(LIBBPF_PREFIX)/include
LIBBPF_LIBS   = $(LIBBPF_PREFIX)/lib/libbpf.a -lelf -lz -lzstd

# ---- modules: one variable per module's sources ---------------------------
SIM_SRCS     := $(sort $(wildcard sim/*.c))
KCLIENT_SRCS := $(sort $(wildcard kernel/client/*.c))
TRACER_SRCS  := $(sort $(wildcard tracer/*.c))
TEST_SRCS    := $(sort $(wildcard tests/test_*.c))
TEST_SUPPORT := $(sort $(wildcard tests/support/*.c))
BPF_PROGS    := $(sort $(wildcard tests/progs/*.bpf.c lessons/*/*.bpf.c))

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
SIM_OBJS     := $(call obj,$(SIM_SRCS))
KCLIENT_OBJS := $(call obj,$(KCLIENT_SRCS))
TRACER_OBJS  := $(call obj,$(TRACER_SRCS))
TEST_BINS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
BPF_OBJS     := $(patsubst %.bpf.c,$(BUILD)/%.bpf.o,$(BPF_PROGS))

LIBSIM     := $(BUILD)/libsim.a
LIBKCLIENT := $(BUILD)/libkclient.a
VERISTEP   := $(BUILD)/veristep

.PHONY: all deps demo test unit-tests kernel-tests check-layering kernel \
        kernel-refresh guest asan debug bench clean distclean progs vmlinux-h goldens \
        faithfulness
.DEFAULT_GOAL := all

all: $(VERISTEP) $(TEST_BINS) progs
	@# the lab VM's boot files follow the kernel build (a no-op when current;
	@# nothing to do before the kernel is built)
	@if kernel/build.sh --print-dir >/dev/null 2>&1; then \
	  kernel/guest/build-initramfs.sh $(BUILD) >/dev/null || exit 1; fi

progs: $(BPF_OBJS)

deps:
	@tools/deps.sh

# Everything a newcomer needs, then the tracer on lesson 1.
demo:
	@tools/deps.sh --check >/dev/null || tools/deps.sh
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@tools/demo.sh $(BUILD)

test:
	@tools/deps.sh --check >/dev/null || tools/deps.sh
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@tools/run-tests.sh $(BUILD)

unit-tests: $(TEST_BINS)
	@tools/run-tests.sh $(BUILD) unit

kernel-tests: all
	@tools/run-tests.sh $(BUILD) kernel

# sim/ is the model: it must never see a terminal or a VM (DESIGN.md).
check-layering:
	@tools/check-layering.sh

kernel:
	@kernel/build.sh >/dev/null

kernel-refresh:
	@VERISTEP_REFRESH=1 kernel/fetch.sh >/dev/null

guest: $(VERISTEP)
	@kernel/guest/build-initramfs.sh $(BUILD) >/dev/null

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=undefined" all
	@VERISTEP_SANITIZED=1 tools/run-tests.sh build-asan unit

debug:
	@$(MAKE) --no-print-directory BUILD=build-debug OPT="-O0 -g3" all

bench: all
	@tools/bench.sh $(BUILD)

compile_commands.json:
	bear --output $@ -- $(MAKE) -B BUILD=build-ccj all

clean:
	rm -rf build build-asan build-debug build-ccj

# ---- rules ----------------------------------------------------------------
$(BUILD)/obj/sim/%.o: sim/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -Isim -c $< -o $@

$(BUILD)/obj/kernel/client/%.o: kernel/client/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -Ikernel/client -c $< -o $@

$(BUILD)/obj/tracer/%.o: tracer/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -Isim -Ikernel/client -Itracer -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -Isim -Ikernel/client -Itracer -Itests -c $< -o $@

$(LIBSIM): $(SIM_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(LIBKCLIENT): $(KCLIENT_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

TRACER_LIBS = $(LIBSIM) $(LIBKCLIENT) $(LIBBPF_LIBS) -lncursesw -ltinfo -lreadline -lz -lm

$(VERISTEP): $(TRACER_OBJS) $(LIBSIM) $(LIBKCLIENT)
	$(CC) $(LDFLAGS) -o $@ $(TRACER_OBJS) $(TRACER_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(call obj,$(TEST_SUPPORT)) $(LIBSIM) $(LIBKCLIENT)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(call obj,$(TEST_SUPPORT)) $(LIBSIM) $(LIBKCLIENT) $(LIBBPF_LIBS) -lcmocka -lm

# BPF programs: clang-19 (clang 14 drops __kptr type tags), the bundled
# kernel's vmlinux.h and the tree's libbpf headers.
BPF_CFLAGS = -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_x86 -Ibpf $(LIBBPF_CFLAGS) \
             -Wall -Wno-unused-variable -Wno-missing-declarations
$(BUILD)/%.bpf.o: %.bpf.c $(wildcard bpf/*.h)
	@mkdir -p $(@D)
	$(CLANG_BPF) $(BPF_CFLAGS) -c $< -o $@

# Record the real kernel's answers for our programs (tests/golden/); never by hand.
goldens: all
	@tools/record-goldens.sh $(BUILD)

# The simulator against the kernel on the whole corpus: records the kernel's
# answers (RECORD=0 skips that and reports against the recorded ones), then
# writes $(BUILD)/faithfulness/report.{txt,html}.
faithfulness: all
	@[ "$(RECORD)" = 0 ] || tools/record-corpus.sh $(BUILD) || echo "faithfulness: some objects were not recorded (see above)"
	@tools/build-corpus.sh $(BUILD) all >/dev/null
	@tools/faithfulness.py --build $(BUILD) --out $(BUILD)/faithfulness

# Regenerate the committed bpf/vmlinux.h and bpf/vmlinux.btf from the build.
vmlinux-h:
	@tools/update-vmlinux.sh

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
