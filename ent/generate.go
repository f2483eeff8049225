// Package ent holds the generated data layer; the schema lives in ent/schema.
package ent

//go:generate go run -mod=mod entc.go
