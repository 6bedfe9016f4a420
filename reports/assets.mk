# reports/assets.mk — fetch the files package reports embeds (go:embed) but
# the repository does not commit: DejaVu Sans (regular and bold TTF) for the
# PDF and ECharts for the HTML site. Included from the top Makefile; paths are
# relative to the repository root. Each npm tarball is checked against the
# sha256 pinned here (equal to the registry's sha512 integrity of the same
# version) before anything is extracted.
#
#   make assets         fetch and verify what is missing
#   make clean-assets   remove the extracted files and the cached tarballs

DEJAVU_VERSION  := 2.37.3
DEJAVU_SHA256   := b7013ac58f9225250619db82cfb72e99c37ca8195f2b5a06a9e6a95bc5e1c84a
ECHARTS_VERSION := 5.6.0
ECHARTS_SHA256  := e1b82487dd7f8d9f0438eec1f1433051148e0095ac7a15d4db890afda45cf610

ASSETS_DIR   := reports/assets
ASSETS_CACHE := .cache/npm
DEJAVU_TGZ   := $(ASSETS_CACHE)/dejavu-fonts-ttf-$(DEJAVU_VERSION).tgz
ECHARTS_TGZ  := $(ASSETS_CACHE)/echarts-$(ECHARTS_VERSION).tgz

REPORTS_ASSETS := $(ASSETS_DIR)/DejaVuSans.ttf $(ASSETS_DIR)/DejaVuSans-Bold.ttf $(ASSETS_DIR)/echarts.min.js

.PHONY: assets clean-assets

assets: $(REPORTS_ASSETS)

# npm pack writes <name>-<version>.tgz into the current directory.
$(DEJAVU_TGZ):
	@mkdir -p $(@D)
	cd $(@D) && npm pack --silent dejavu-fonts-ttf@$(DEJAVU_VERSION) >/dev/null
	@echo "$(DEJAVU_SHA256)  $@" | sha256sum -c --quiet - || { rm -f $@; echo "checksum mismatch: $@" >&2; exit 1; }

$(ECHARTS_TGZ):
	@mkdir -p $(@D)
	cd $(@D) && npm pack --silent echarts@$(ECHARTS_VERSION) >/dev/null
	@echo "$(ECHARTS_SHA256)  $@" | sha256sum -c --quiet - || { rm -f $@; echo "checksum mismatch: $@" >&2; exit 1; }

$(ASSETS_DIR)/DejaVuSans.ttf: $(DEJAVU_TGZ)
	@mkdir -p $(@D)
	tar -xzOf $< package/ttf/DejaVuSans.ttf > $@.tmp && mv $@.tmp $@

$(ASSETS_DIR)/DejaVuSans-Bold.ttf: $(DEJAVU_TGZ)
	@mkdir -p $(@D)
	tar -xzOf $< package/ttf/DejaVuSans-Bold.ttf > $@.tmp && mv $@.tmp $@

$(ASSETS_DIR)/echarts.min.js: $(ECHARTS_TGZ)
	@mkdir -p $(@D)
	tar -xzOf $< package/dist/echarts.min.js > $@.tmp && mv $@.tmp $@

clean-assets:
	rm -f $(REPORTS_ASSETS) $(DEJAVU_TGZ) $(ECHARTS_TGZ)
