//go:build desktop || bindings

package main

import (
	"context"
	_ "embed"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	wailsruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"quotewright/app"
)

const desktopBuild = true

//go:embed build/appicon.png
var appIcon []byte

// desktopEnv is what the desktop window runs on; nil when generating bindings. With startupErr set, the
// window opens only to say why the app could not start.
type desktopEnv struct {
	ws         *workspace
	startupErr error
	log        *slog.Logger
}

// wailsRuntime is the desktop's app.Runtime: Wails' runtime, once the window has started.
type wailsRuntime struct {
	mu  sync.RWMutex
	ctx context.Context
}

func (r *wailsRuntime) Emit(event string, data ...any) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.ctx != nil {
		wailsruntime.EventsEmit(r.ctx, event, data...)
	}
}

// SaveFile is the native save dialog (app.SaveDialog); "" when the user cancels.
func (r *wailsRuntime) SaveFile(title, defaultName string) (string, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.ctx == nil {
		return "", errors.New("the window has not started")
	}
	filter := wailsruntime.FileFilter{DisplayName: "PDF (*.pdf)", Pattern: "*.pdf"}
	if strings.HasSuffix(defaultName, ".zip") {
		filter = wailsruntime.FileFilter{DisplayName: "ZIP (*.zip)", Pattern: "*.zip"}
	}
	return wailsruntime.SaveFileDialog(r.ctx, wailsruntime.SaveDialogOptions{Title: title, DefaultFilename: defaultName,
		Filters: []wailsruntime.FileFilter{filter}, CanCreateDirectories: true})
}

func (r *wailsRuntime) started(ctx context.Context) {
	r.mu.Lock()
	r.ctx = ctx
	r.mu.Unlock()
}

// runDesktop opens the window and blocks until it is closed, or the process is told to stop.
func runDesktop(ctx context.Context, env *desktopEnv) error {
	rt := &wailsRuntime{}
	var svc *app.Services
	var err error
	switch {
	case env == nil:
		svc, err = app.New(ctx, nil, rt, app.Info{}, slog.Default())
	case env.startupErr != nil:
		svc, err = app.New(ctx, nil, rt, app.Info{Version: version, Mode: "desktop", StartupError: env.startupErr}, env.log)
	default:
		svc, err = env.ws.services(ctx, rt, "desktop", env.log)
	}
	if err != nil {
		return err
	}
	return wails.Run(&options.App{
		Title:            "Quotewright",
		Width:            1360,
		Height:           860,
		MinWidth:         1024,
		MinHeight:        640,
		BackgroundColour: &options.RGBA{R: 247, G: 248, B: 250, A: 255},
		AssetServer:      &assetserver.Options{Assets: frontendAssets()},
		OnStartup: func(wctx context.Context) {
			rt.started(wctx)
			// SIGTERM and Ctrl+C close the window the normal way, so the database is closed cleanly.
			sig := make(chan os.Signal, 1)
			signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
			go func() {
				select {
				case <-sig:
					wailsruntime.Quit(wctx)
				case <-wctx.Done():
				}
			}()
		},
		Bind:           svc.Bind(),
		ErrorFormatter: svc.FormatError,
		Linux:          &linux.Options{ProgramName: "quotewright", Icon: appIcon},
	})
}
