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
PKGS     = glib-2.0 gio-2.0 json-glib-1.0 gmodule-no-export-2.0 libzip libxml-2.0 cairo pangocairo pangoft2 harfbuzz fontconfig zlib libjpeg
# The modules libgongwen loads to read PDFs and write PDF/A (lib/pdf-module.h):
# gongwen-pdf.so (qpdf) and gongwen-pdftext.so (poppler) stay out of every
# process that does not need them.
MOD_PKGS = glib-2.0 libqpdf
TEXT_PKGS = glib-2.0 poppler-glib
CC      ?= cc
CXX     ?= g++
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
MOD_CFLAGS := $(shell pkg-config --cflags $(MOD_PKGS) 2>/dev/null)
MOD_LIBS   := $(shell pkg-config --libs $(MOD_PKGS) 2>/dev/null) -lstdc++
TEXT_CFLAGS := $(shell pkg-config --cflags $(TEXT_PKGS) 2>/dev/null)
TEXT_LIBS   := $(shell pkg-config --libs $(TEXT_PKGS) 2>/dev/null)

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
else ifeq ($(build),fuzz-ubsan)
  # The same targets with UBSan alone: three times the executions a second,
  # for long campaigns; run.sh replays what they find under ASan.
  MODE_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,undefined \
                -fno-sanitize=vptr -fno-sanitize-recover=undefined -Wno-error
  MODE_LDFLAGS = -fsanitize=fuzzer,undefined
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
ALL_CXXFLAGS = -std=c++17 -D_GNU_SOURCE -DPOINTERHOLDER_TRANSITION=4 -Ilib $(WARN) $(MOD_CFLAGS) $(MODE_CFLAGS) $(CXXFLAGS)
OUT     ?= build/$(build)

LIB_SRC  = $(wildcard lib/*.c)
MOD_SRC  = $(wildcard lib/pdfmod/*.c)
MOD_CXX  = $(wildcard lib/pdfmod/*.cpp)
TEXT_SRC = $(wildcard lib/pdftext/*.c)
TOOL_SRC = $(wildcard tools/*.c)
UNIT_SRC = $(wildcard tests/unit/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(OUT)/%.o)
PIC_OBJ  = $(LIB_SRC:%.c=$(OUT)/pic/%.o)
MOD_OBJ  = $(MOD_SRC:%.c=$(OUT)/pic/%.o) $(MOD_CXX:%.cpp=$(OUT)/pic/%.o)
TEXT_OBJ = $(TEXT_SRC:%.c=$(OUT)/pic/%.o)
MODULES  = $(OUT)/gongwen-pdf.so $(OUT)/gongwen-pdftext.so
TOOL_OBJ = $(TOOL_SRC:%.c=$(OUT)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(OUT)/tests/%)
FUZZ_SRC = $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(OUT)/%)
GEN      = build/gen/fonts-conf.h

.PHONY: all deps check demo install bench fuzz fuzz-targets unit-tests clean
all: $(OUT)/gongwen $(OUT)/libgongwen.a $(OUT)/libgongwen.so.$(VERSION) $(MODULES)

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

$(OUT)/pic/lib/pdfmod/%.o: lib/pdfmod/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(MOD_CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(OUT)/pic/lib/pdfmod/%.o: lib/pdfmod/%.cpp
	@mkdir -p $(dir $@)
	@echo "  CXX     $<"
	$(Q)$(CXX) $(ALL_CXXFLAGS) -fPIC -MMD -MP -c $< -o $@

$(OUT)/pic/lib/pdftext/%.o: lib/pdftext/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(TEXT_CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(OUT)/gongwen-pdf.so: $(MOD_OBJ) lib/pdfmod/module.map
	$(CC) -shared -Wl,--version-script=lib/pdfmod/module.map $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $(MOD_OBJ) $(MOD_LIBS)

$(OUT)/gongwen-pdftext.so: $(TEXT_OBJ) lib/pdfmod/module.map
	$(CC) -shared -Wl,--version-script=lib/pdfmod/module.map $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $(TEXT_OBJ) $(TEXT_LIBS)

$(OUT)/libgongwen.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(OUT)/libgongwen.so.$(VERSION): $(PIC_OBJ)
	$(CC) -shared -Wl,-soname,libgongwen.so.$(SOMAJOR) -Wl,--version-script=lib/libgongwen.map $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
	ln -sf libgongwen.so.$(VERSION) $(OUT)/libgongwen.so.$(SOMAJOR)
	ln -sf libgongwen.so.$(SOMAJOR) $(OUT)/libgongwen.so

$(OUT)/gongwen: $(TOOL_OBJ) $(OUT)/libgongwen.a
	$(CC) $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $(TOOL_OBJ) $(OUT)/libgongwen.a $(PKG_LIBS)

# Unit tests read PDFs back with poppler; they find the module through
# GONGWEN_MODULE_DIR (tests/run.sh).
$(OUT)/tests/%: tests/unit/%.c tests/unit/harness.h $(OUT)/libgongwen.a $(MODULES)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEXT_CFLAGS) -Itests/unit $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $< $(OUT)/libgongwen.a $(PKG_LIBS) $(TEXT_LIBS)

# The replay of fuzz findings compiles the targets' sources into a unit test.
$(OUT)/tests/test-fuzz-replay: tests/fuzz/fuzz.h $(FUZZ_SRC)

# make build=fuzz CC=clang CXX=clang++ fuzz-targets (tests/fuzz/run.sh does).
$(OUT)/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(OUT)/libgongwen.a
	$(CC) $(ALL_CFLAGS) $(MODE_LDFLAGS) $(LDFLAGS) -o $@ $< $(OUT)/libgongwen.a $(PKG_LIBS)

fuzz-targets: $(FUZZ_BIN)

# The unit tests, end-to-end scripts and interop checks, under ASan+UBSan.
check: deps
	$(MAKE) build=asan all unit-tests
	$(MAKE) build=release all
	sh tests/run.sh build/asan

unit-tests: $(UNIT_BIN)

demo: deps all
	@mkdir -p out
	$(OUT)/gongwen convert samples/report.txt --stats samples/stats.ini -o out/report.docx
	$(OUT)/gongwen convert samples/report.txt --stats samples/stats.ini -o out/report.pdf
	@echo "demo: out/report.docx and out/report.pdf"

bench: deps all
	sh tests/bench.sh $(OUT)/gongwen
	sh tests/bench-docx.sh $(OUT)/gongwen
	sh tests/bench-batch.sh $(OUT)/gongwen

fuzz: deps
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(LIBDIR)/gongwen $(DESTDIR)$(INCDIR)/gongwen \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(DATADIR)
	install -m 755 $(OUT)/gongwen $(DESTDIR)$(BINDIR)/gongwen
	install -m 644 $(OUT)/libgongwen.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(OUT)/libgongwen.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(MODULES) $(DESTDIR)$(LIBDIR)/gongwen/
	ln -sf libgongwen.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libgongwen.so.$(SOMAJOR)
	ln -sf libgongwen.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libgongwen.so
	install -m 644 lib/gongwen/*.h $(DESTDIR)$(INCDIR)/gongwen/
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@VERSION@|$(VERSION)|; s|@PKGS@|$(PKGS)|' gongwen.pc.in \
	    > $(DESTDIR)$(LIBDIR)/pkgconfig/gongwen.pc
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.3 $(DESTDIR)$(MANDIR)/man3/
	install -m 644 data/fonts.conf $(DESTDIR)$(DATADIR)/fonts.conf

clean:
	rm -rf build out

-include $(LIB_OBJ:.o=.d) $(PIC_OBJ:.o=.d) $(MOD_OBJ:.o=.d) $(TEXT_OBJ:.o=.d) $(TOOL_OBJ:.o=.d)
