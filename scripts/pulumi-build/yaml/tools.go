//go:build tools

// Pins the YAML language host: `go build github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml`
// from this module builds v1.25.0 with exactly the modules go.sum lists.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
