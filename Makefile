# The developer's commands. `make test` is what CI runs (through .ci/run).
GO ?= go
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run test bench vet lint build check-format ci

run:
	$(GO) run ./cmd/orderdesk

test:
	$(GO) test ./...

# The README's performance figures: run on an idle machine.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./data/

vet:
	$(GO) vet ./...

lint:
	$(STATICCHECK) ./...

check-format:
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

build:
	$(GO) build -o orderdesk ./cmd/orderdesk

ci: check-format vet test lint build
