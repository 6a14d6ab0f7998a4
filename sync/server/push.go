package server

import (
	"context"

	"github.com/bkpsdm-sorong/imbang/sync/protocol"
)

// Push processes a push from the device with server id deviceID.
func (s *Server) Push(ctx context.Context, deviceID string, req protocol.PushRequest) (protocol.PushResponse, *httpError) {
	return protocol.PushResponse{}, errBadRequest("not implemented yet")
}
