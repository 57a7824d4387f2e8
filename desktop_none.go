//go:build !desktop && !bindings

package main

import (
	"context"
	"errors"
	"log/slog"
)

// desktopBuild is false in builds without the Wails window (tests, the command-line tools): the app then
// offers browser mode.
const desktopBuild = false

type desktopEnv struct {
	ws         *workspace
	startupErr error
	log        *slog.Logger
}

func runDesktop(context.Context, *desktopEnv) error {
	return errors.New("this build has no desktop window")
}
