/**
 * The shape of generated/aws-constraints/*.ts: the part of an official AWS API model (Smithy 2 JSON AST)
 * that validating and decoding an operation's input needs. Written by scripts/extract-aws-constraints.mjs.
 * @internal
 */
export interface ServiceModel {
  /** Smithy id of the service (`com.amazonaws.route53#AWSDnsV20130401`). */
  service: string;
  /** The service's protocol trait, without its namespace. */
  protocol: "awsJson1_0" | "awsJson1_1" | "restJson1" | "restXml" | "awsQuery" | "ec2Query";
  /** API version (`2013-04-01`). */
  version: string;
  /** `smithy.api#xmlNamespace` of XML protocols: the namespace of error documents. */
  xmlNamespace?: string;
  /** By operation name: its input shape and, for REST protocols, its `smithy.api#http` binding. */
  operations: Record<string, { input: string; http?: { method: string; uri: string } }>;
  /** By local shape name (prelude shapes keep their `smithy.api#` id). */
  shapes: Record<string, ShapeModel>;
}

/** Constraint traits, on a shape or on a member. @internal */
export interface Constraints {
  /** `smithy.api#length`: characters of a string, bytes of a blob, entries of a list or map. */
  length?: { min?: number; max?: number };
  /** `smithy.api#range` of a number. */
  range?: { min?: number; max?: number };
  /** `smithy.api#pattern`. */
  pattern?: string;
  /** Allowed values: `smithy.api#enum`, or the values of an `enum`/`intEnum` shape. */
  enum?: Array<string | number>;
  /** `smithy.api#sensitive`: AWS leaves the value out of validation messages. */
  sensitive?: boolean;
}

/** One shape of the model. @internal */
export interface ShapeModel extends Constraints {
  type: string;
  xmlName?: string;
  /** Structure and union members. */
  members?: Record<string, MemberModel>;
  /** List member. */
  member?: MemberModel;
  /** Map key and value. */
  key?: MemberModel;
  value?: MemberModel;
}

/** A member: its target, its own constraints and its HTTP/XML bindings. @internal */
export interface MemberModel extends Constraints {
  target: string;
  required?: boolean;
  httpLabel?: boolean;
  httpQuery?: string;
  httpQueryParams?: boolean;
  httpHeader?: string;
  httpPrefixHeaders?: string;
  httpPayload?: boolean;
  xmlName?: string;
  xmlFlattened?: boolean;
  xmlAttribute?: boolean;
  jsonName?: string;
  ec2QueryName?: string;
  /** A range stated only in the member's documentation (ElastiCache's `MaxRecords`). */
  documentedRange?: { min: number; max: number };
}
