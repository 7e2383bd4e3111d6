import { XMLParser } from "fast-xml-parser";
import { HttpResponse } from "msw";

/** @internal */
export const ROUTE53_NS = "https://route53.amazonaws.com/doc/2013-04-01/";
const NS = ROUTE53_NS;

/** Element names of list members, by the name of the list (Route 53's REST-XML shapes). */
/** @internal */
export const ROUTE53_MEMBERS: Record<string, string> = {
  ResourceRecords: "ResourceRecord",
  ResourceRecordSets: "ResourceRecordSet",
  HostedZones: "HostedZone",
  HealthChecks: "HealthCheck",
  Tags: "Tag",
  NameServers: "NameServer",
  Regions: "Region",
  ChildHealthChecks: "ChildHealthCheck",
  HealthCheckObservations: "HealthCheckObservation",
  RecordData: "RecordDataEntry",
  VPCs: "VPC",
};

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Serializes a value as XML elements; arrays use the member element names given. @internal */
export function xmlElement(name: string, value: unknown, members: Record<string, string> = ROUTE53_MEMBERS): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) {
    const member = members[name] ?? "member";
    return `<${name}>${value.map((v) => xmlElement(member, v, members)).join("")}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === "object") {
    return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => xmlElement(k, v, members)).join("")}</${name}>`;
  }
  return `<${name}>${escape(String(value))}</${name}>`;
}

/** An XML answer in a service's namespace. @internal */
export function xmlDocument(root: string, namespace: string, body: Record<string, unknown>, options: { status?: number; headers?: Record<string, string>; members?: Record<string, string> } = {}): Response {
  const inner = Object.entries(body).map(([k, v]) => xmlElement(k, v, options.members)).join("");
  return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${inner}</${root}>`, {
    status: options.status ?? 200,
    headers: { "Content-Type": "text/xml", "x-amzn-RequestId": "00000000-0000-4000-8000-000000000000", ...options.headers },
  });
}

/** A Route 53 XML answer with the service namespace. @internal */
export function xmlResponse(root: string, body: Record<string, unknown>, status = 200, headers: Record<string, string> = {}): Response {
  return xmlDocument(root, NS, body, { status, headers });
}

/** Route 53's error document, which the AWS SDK maps to the modeled exception by `Code`. @internal */
export function xmlError(code: string, message: string, status: number): Response {
  return xmlResponse("ErrorResponse", { Error: { Type: "Sender", Code: code, Message: message }, RequestId: "00000000-0000-4000-8000-000000000000" }, status);
}

const ARRAYS = new Set(["Change", "ResourceRecord", "Tag", "ChildHealthCheck", "ResourceId"]);
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // list members are arrays even when there is one; `Key` and `Region` only inside their lists (a Tag
  // has a Key, a latency record has a Region)
  isArray: (name, jPath) =>
    ARRAYS.has(name) || (name === "Key" && String(jPath).endsWith("RemoveTagKeys.Key")) || (name === "Region" && String(jPath).endsWith("Regions.Region")),
});

/** Parses a request body; returns the content of the root element. @internal */
export function parseXml(text: string): Record<string, unknown> {
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => k !== "?xml");
  return root ? ((doc[root] as Record<string, unknown>) ?? {}) : {};
}
