# The developer's commands. `make test` is what CI runs (through .ci/run).
GO ?= go
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILD := $(shell sed -n 's/^Build *= *//p' FyneApp.toml)
WINRES ?= $(GO) run github.com/tc-hib/go-winres@v0.3.3
FYNE ?= $(GO) run fyne.io/tools/cmd/fyne@v1.7.4

.PHONY: run test bench vet lint build check-format ci windows macos

run:
	$(GO) run ./cmd/orderdesk

test:
	$(GO) test ./...

# The README's performance figures: run on an idle machine.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./data/ ./importer/ ./reports/

vet:
	$(GO) vet ./...

lint:
	$(STATICCHECK) ./...

check-format:
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

build:
	$(GO) build -o orderdesk ./cmd/orderdesk

ci: check-format vet test lint build

# A Windows amd64 build from Linux (Debian: apt-get install gcc-mingw-w64-x86-64):
# cgo through mingw, the icon, version and manifest embedded as a resource
# (.syso, picked up by go build), no console window. dist/OrderDesk.exe is
# ready to zip or wrap in an installer. The first build compiles Fyne's
# OpenGL bindings for Windows and takes about 9 minutes; later ones reuse
# the build cache.
windows:
	cd cmd/orderdesk && $(WINRES) simply --arch amd64 --icon ../../assets/icon.png --manifest gui \
		--product-name OrderDesk --file-description "OrderDesk order desk" --copyright "OrderDesk" \
		--original-filename OrderDesk.exe --product-version $(VERSION).$(BUILD) --file-version $(VERSION).$(BUILD)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) build -trimpath -ldflags "-H=windowsgui -s -w" -o dist/OrderDesk.exe ./cmd/orderdesk
	rm -f cmd/orderdesk/rsrc_windows_amd64.syso

# A macOS .app bundle, on a Mac (Xcode command line tools; cannot be built
# from Linux). fyne package reads FyneApp.toml from the main package's
# folder, so the root one is copied there for the build; it writes the
# name, identifier, version, build number and icon into Info.plist, and
# plutil adds what a shop owner's Mac also looks at: the App Store
# category, the copyright line, the oldest macOS it runs on and the
# languages it speaks. dist/OrderDesk.app is ready to zip or put in a
# .dmg; sign and notarise it with a Developer ID before handing it out.
macos:
	cp FyneApp.toml cmd/orderdesk/FyneApp.toml
	cd cmd/orderdesk && $(FYNE) package -os darwin -release -icon ../../assets/icon.png -name OrderDesk
	rm -f cmd/orderdesk/FyneApp.toml
	mkdir -p dist && rm -rf dist/OrderDesk.app && mv cmd/orderdesk/OrderDesk.app dist/
	plutil -replace LSApplicationCategoryType -string public.app-category.business dist/OrderDesk.app/Contents/Info.plist
	plutil -replace NSHumanReadableCopyright -string "OrderDesk $(VERSION)" dist/OrderDesk.app/Contents/Info.plist
	plutil -replace LSMinimumSystemVersion -string 11.0 dist/OrderDesk.app/Contents/Info.plist
	plutil -replace CFBundleDevelopmentRegion -string en dist/OrderDesk.app/Contents/Info.plist
	plutil -replace CFBundleLocalizations -json '["en","zh-Hans","zh-Hant"]' dist/OrderDesk.app/Contents/Info.plist
	plutil -lint dist/OrderDesk.app/Contents/Info.plist
