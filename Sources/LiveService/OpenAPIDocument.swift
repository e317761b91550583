// SPDX-License-Identifier: GPL-3.0-or-later

/// The OpenAPI 3.1 description of the service, `Sources/LiveService/openapi.json`, served as is at `GET /openapi.json`.
///
/// Embedded in the binary at build time, so a `parley` copied anywhere still serves it.
enum OpenAPIDocument {
    static var bytes: [UInt8] { PackageResources.openapi_json }
}
