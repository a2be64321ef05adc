# gongwen: libgongwen, the gongwen tool, tests.
#   make            release build in build/release (-Wall -Wextra -Werror)
#   make check      install missing packages, build with ASan+UBSan, run every test
#   make demo       install missing packages, build, convert samples/ into out/
#   make install    PREFIX=/usr/local DESTDIR=
#   make bench      speed and memory against LibreOffice and pandoc
#   make fuzz       FUZZ_SECONDS=N per target (clang libFuzzer)

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
LIBDIR   = $(PREFIX)/lib
INCDIR   = $(PREFIX)/include
MANDIR   = $(PREFIX)/share/man
DATADIR  = $(PREFIX)/share/gongwen

VERSION  = 0.1.0
SOMAJOR  = 0
PKGS     = glib-2.0 gio-2.0 libzip libxml-2.0 cairo pangocairo pangoft2 fontconfig zlib poppler-glib libqpdf
CC      ?= cc
CXX     ?= g++
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# lib/stamp-pdf.cpp (qpdf's C++ page helpers) brings in the C++ runtime.
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstdc++ -lm

WARN     = -Wall -Wextra -Werror -Wno-missing-field-initializers
BASE_CFLAGS = -std=c11 -D_GNU_SOURCE -Ilib -Ibuild/gen $(WARN) $(PKG_CFLAGS)
build   ?= release
ifeq ($(build),asan)
  MODE_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  MODE_LDFLAGS = -fsanitize=address,undefined
else ifeq ($(build),fuzz)
  # clang only (tests/fuzz/run.sh): libFuzzer coverage + ASan + UBSan.  Warnings
  # are policed by the release build, not here.
  MODE_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize=vptr -fno-sanitize-recover=undefined -Wno-error
  MODE_LDFLAGS = -fsanitize=fuzzer,address,undefined
else
  MODE_CFLAGS = -O2 -g
  MODE_LDFLAGS =
endif
CFLAGS  ?=
LDFLAGS ?=
# V=1 shows the full compiler command lines.
Q = $(if $(V),,@)
ALL_CFLAGS = $(BASE_CFLAGS) $(MODE_CFLAGS) $(CFLAGS)
CXXFLAGS ?=
ALL_CXXFLAGS = -std=c++17 -D_GNU_SOURCE -DPOINTERHOLDER_TRANSITION=4 -Ilib -Ibuild/gen $(WARN) $(PKG_CFLAGS) $(MODE_CFLAGS) $(CXXFLAGS)
OUT     ?= build/$(build)

LIB_SRC  = $(wildcard lib/*.c)
LIB_CXX  = $(wildcard lib/*.cpp)
TOOL_SRC = $(wildcard tools/*.c)
UNIT_SRC = $(wildcard tests/unit/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(OUT)/%.o) $(LIB_CXX:%.cpp=$(OUT)/%.o)
PIC_OBJ  = $(LIB_SRC:%.c=$(OUT)/pic/%.o) $(LIB_CXX:%.cpp=$(OUT)/pic/%.o)
TOOL_OBJ = $(TOOL_SRC:%.c=$(OUT)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(OUT)/tests/%)
FUZZ_SRC = $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(OUT)/%)
GEN      = build/gen/fonts-conf.h

.PHONY: all deps check demo install bench fuzz fuzz-targets unit-tests clean
all: $(OUT)/gongwen $(OUT)/libgongwen.a $(OUT)/libgongwen.so.$(VERSION) $(OUT)/gongwen.pc

deps:
	@sh scripts/install-deps.sh

$(GEN): data/fonts.conf scripts/embed.sh
	@mkdir -p $(dir $@)
	sh scripts/embed.sh gw_fonts_conf_data $< > $@

$(OUT)/%.o: %.c $(GEN)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(OUT)/pic/%.o: %.c $(GEN)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC -DGW_BUILD_SHARED -MMD -MP -c $< -o $@

$(OUT)/%.o: %.cpp $(GEN)
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -MMD -MP -c $< -o $@

$(OUT)/pic/%.o: %.cpp $(GEN)
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -fPIC -DGW_BUILD_SHARED -MMD -MP -c $< -o $@

$(OUT)/libgongwen.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(OUT)/libgongwen.so.$(VERSION): $(PIC_OBJ)
	$(CC) -shared -Wl,-soname,libgongwen.so.$(SOMAJOR) -Wl,--version-script=lib/libgongwen.map $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
	ln -sf libgongwen.so.$(VERSION) $(OUT)/libgongwen.so.$(SOMAJOR)
	ln -sf libgongwen.so.$(SOMAJOR) $(OUT)/libgongwen.so

$(OUT)/gongwen: $(TOOL_OBJ) $(OUT)/libgongwen.a
	$(CC) $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $(TOOL_OBJ) $(OUT)/libgongwen.a $(PKG_LIBS)

$(OUT)/tests/%: tests/unit/%.c tests/unit/harness.h $(OUT)/libgongwen.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $< $(OUT)/libgongwen.a $(PKG_LIBS)

# The replay of fuzz findings compiles the targets' sources into a unit test.
$(OUT)/tests/test-fuzz-replay: tests/fuzz/fuzz.h $(FUZZ_SRC)

# make build=fuzz CC=clang CXX=clang++ fuzz-targets (tests/fuzz/run.sh does).
$(OUT)/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(OUT)/libgongwen.a
	$(CC) $(ALL_CFLAGS) $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $< $(OUT)/libgongwen.a $(PKG_LIBS)

fuzz-targets: $(FUZZ_BIN)

$(OUT)/gongwen.pc: gongwen.pc.in
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@VERSION@|$(VERSION)|; s|@PKGS@|$(PKGS)|' $< > $@

# The unit tests, end-to-end scripts and interop checks, under ASan+UBSan.
check: deps
	$(MAKE) build=asan all unit-tests
	$(MAKE) build=release all
	sh tests/run.sh build/asan

unit-tests: $(UNIT_BIN)

demo: deps all
	@mkdir -p out
	$(OUT)/gongwen convert samples/report.txt -o out/report.docx
	$(OUT)/gongwen convert samples/report.txt -o out/report.pdf
	@echo "demo: out/report.docx and out/report.pdf"

bench: deps all
	sh tests/bench.sh $(OUT)/gongwen

fuzz: deps
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR)/gongwen \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(DATADIR)
	install -m 755 $(OUT)/gongwen $(DESTDIR)$(BINDIR)/gongwen
	install -m 644 $(OUT)/libgongwen.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(OUT)/libgongwen.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libgongwen.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libgongwen.so.$(SOMAJOR)
	ln -sf libgongwen.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libgongwen.so
	install -m 644 lib/gongwen/*.h $(DESTDIR)$(INCDIR)/gongwen/
	install -m 644 $(OUT)/gongwen.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.3 $(DESTDIR)$(MANDIR)/man3/
	install -m 644 data/fonts.conf $(DESTDIR)$(DATADIR)/fonts.conf

clean:
	rm -rf build out

-include $(LIB_OBJ:.o=.d) $(PIC_OBJ:.o=.d) $(TOOL_OBJ:.o=.d)
