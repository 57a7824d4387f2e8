//go:build bindings

package main

// bindingsBuild is true when "wails build" compiles the program to generate the frontend bindings.
const bindingsBuild = true
