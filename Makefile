.DEFAULT_GOAL := help
.PHONY: help run test lint

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## Set everything up and run the portal with demo data (same as scripts/run)
	scripts/run

test: ## Set everything up and run the whole test suite (same as scripts/test)
	scripts/test

lint: ## Lint and format-check the code
	.venv/bin/ruff check . && .venv/bin/ruff format --check .
