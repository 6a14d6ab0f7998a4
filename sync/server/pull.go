package server

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

func (s *Server) pullParams(maxBytes, schema string) (int, int, *httpError) {
	return s.opts.MaxPageBytes, protocol.SchemaVersion, nil
}

// Pull returns one page of the log after cursor for the device.
func (s *Server) Pull(ctx context.Context, deviceID, cursor string, maxBytes, schema int) (protocol.PullResponse, *httpError) {
	return protocol.PullResponse{}, errBadRequest("not implemented yet")
}

// ImportBundle runs a push bundle through the push path.
func (s *Server) ImportBundle(ctx context.Context, deviceID string, b protocol.Bundle) (protocol.PushResponse, error) {
	return protocol.PushResponse{}, errBadRequest("not implemented yet")
}

// ExportBundle returns a pull bundle for the device from cursor to the head.
func (s *Server) ExportBundle(ctx context.Context, deviceID, cursor string, schema int) (protocol.Bundle, error) {
	return protocol.Bundle{}, errBadRequest("not implemented yet")
}
