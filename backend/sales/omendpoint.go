package sales

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"

	"quotewright/backend/cpq"
	"quotewright/backend/omsync"
	"quotewright/backend/tmf"
)

// SettingOrderEndpoint holds where orders are sent (omsync.Endpoint without its secret, JSON).
const SettingOrderEndpoint = "om.endpoint"

// DefaultOrderEndpoint is the reference om-server on this computer, as `quotewright om-server` starts it.
var DefaultOrderEndpoint = omsync.Endpoint{URL: "http://127.0.0.1:8622" + tmf.BasePath622, Auth: omsync.AuthNone}

// storedEndpoint is the endpoint as the settings keep it: never the secret.
type storedEndpoint struct {
	URL           string          `json:"url"`
	Auth          omsync.AuthKind `json:"auth"`
	TokenURL      string          `json:"tokenUrl,omitempty"`
	ClientID      string          `json:"clientId,omitempty"`
	Scope         string          `json:"scope,omitempty"`
	SkipTLSVerify bool            `json:"skipTlsVerify,omitempty"`
}

// OrderEndpoint is where orders are sent, without its secret.
func (s *Service) OrderEndpoint(ctx context.Context) (ep omsync.Endpoint, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		ep, err = orderEndpoint(ctx, tx)
		return err
	})
	return ep, err
}

func orderEndpoint(ctx context.Context, tx cpq.Tx) (omsync.Endpoint, error) {
	raw, ok, err := tx.Settings().Get(ctx, SettingOrderEndpoint)
	if err != nil || !ok {
		return DefaultOrderEndpoint, err
	}
	var st storedEndpoint
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		return DefaultOrderEndpoint, cpq.Internal(err)
	}
	return omsync.Endpoint{URL: st.URL, Auth: st.Auth, TokenURL: st.TokenURL, ClientID: st.ClientID, Scope: st.Scope,
		SkipTLSVerify: st.SkipTLSVerify}, nil
}

// SetOrderEndpoint changes where orders are sent. Only a director or an administrator may: orders go where it
// says. The secret is kept apart, by the caller, in the secret store.
func (s *Service) SetOrderEndpoint(ctx context.Context, actor Actor, ep omsync.Endpoint) error {
	if cpq.RoleRank(actor.Role) < cpq.RoleRank(cpq.RoleDirector) {
		return cpq.Errorf(cpq.EUnauthorized, "om.endpoint.forbidden")
	}
	st := storedEndpoint{URL: strings.TrimSpace(ep.URL), Auth: ep.Auth, TokenURL: strings.TrimSpace(ep.TokenURL),
		ClientID: strings.TrimSpace(ep.ClientID), Scope: strings.TrimSpace(ep.Scope), SkipTLSVerify: ep.SkipTLSVerify}
	v := cpq.Validation{Key: "om.endpoint.invalid"}
	if !httpURL(st.URL) {
		v.Add("url", "om.endpoint.url", "value", st.URL)
	}
	switch st.Auth {
	case omsync.AuthNone, omsync.AuthBearer:
		st.TokenURL, st.ClientID, st.Scope = "", "", ""
	case omsync.AuthOAuth2:
		if !httpURL(st.TokenURL) {
			v.Add("tokenUrl", "om.endpoint.tokenUrl", "value", st.TokenURL)
		}
		v.Require("clientId", st.ClientID, "om.endpoint.clientId")
	default:
		v.Add("auth", "om.endpoint.auth", "value", string(st.Auth))
	}
	if err := v.Err(); err != nil {
		return err
	}
	raw, _ := json.Marshal(st)
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Settings().Set(ctx, SettingOrderEndpoint, string(raw)); err != nil {
			return err
		}
		return record(ctx, tx, actor, "settings.orderEndpoint", "settings", SettingOrderEndpoint, st)
	})
}

func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
