package planner

import (
	"context"
	"errors"
)

var errTodo = errors.New("planner: not implemented yet")

func solve(ctx context.Context, in Input, progress Progress) (*Plan, error) { return nil, errTodo }
func whyNot(ctx context.Context, in Input, base *Plan, pair Pair) (*WhatIf, error) {
	return nil, errTodo
}
func inputHash(in Input) string { return "" }

// Digest is the sha256 (hex) of the plan's JSON with Stats.Millis left out:
// two runs on the same input give the same digest.
func (p *Plan) Digest() string { return "" }
