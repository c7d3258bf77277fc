/**
 * Generated from spec/dcs-webapi.yaml by `npm run generate`. Do not edit by hand.
 */

export interface paths {
    "/authentication/signin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in and obtain an authentication cookie
         * @description Checks the credentials of a DCS user account. On success the response sets a cookie whose name starts with `COHERENT-DCS-API`; send it with every later call. The body is informational only.
         */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/authentication/signout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out and cancel the authentication token
         * @description Cancels the token sent in the cookie, if it is valid, so that it can not be used again, and answers with an emptied cookie. The server answers 204 whether or not a valid token was sent, so the call never fails for authentication reasons; only the infrastructure errors below are possible.
         */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the status of the API
         * @description A small JSON object about the API and its server. Its shape is not documented by the vendor. Existing clients call it with or without a token.
         */
        get: operations["getStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List meters and their registers
         * @description Every meter the signed-in user may see, each with its registers. A register's `id` is what readings are requested by (`R<id>`), not the meter's.
         */
        get: operations["getMeters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/virtualMeters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List virtual meters
         * @description Every virtual meter the signed-in user may see. Readings are requested by `VM<id>`.
         */
        get: operations["getVirtualMeters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get readings of a register or virtual meter
         * @description Readings of one register (`id=R<registerId>`) or one virtual meter
         *     (`id=VM<virtualMeterId>`) over a span of whole periods.
         *
         *     The span is given by **exactly two** of `startTime`, `endTime` and
         *     `periodCount`; the third follows from them and `periodType`. For example,
         *     with `periodType=day`, January 2024 is `startTime=2024-01-01T00:00:00Z` with
         *     either `endTime=2024-02-01T00:00:00Z` or `periodCount=31`. `startTime` and
         *     `endTime` must fall on boundaries of `periodType` (a week starts on Monday,
         *     a month on the 1st). The server may cap the span to a configured number of
         *     days and answers 400 beyond it.
         *
         *     The shape of each reading depends on `format`, see the two result schemas.
         */
        get: operations["getReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List meters and their registers (public)
         * @description The unauthenticated variant of `GET /meters`, answered as the server's configured default account.
         */
        get: operations["getPublicMeters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/virtualMeters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List virtual meters (public)
         * @description The unauthenticated variant of `GET /virtualMeters`, answered as the server's configured default account.
         */
        get: operations["getPublicVirtualMeters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get readings of a register or virtual meter (public)
         * @description The unauthenticated variant of `GET /readings`, answered as the server's configured default account, with the same parameters and rules: exactly two of `startTime`, `endTime` and `periodCount`, times on boundaries of `periodType`, and a span no longer than the public endpoint's configured maximum.
         */
        get: operations["getPublicReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The credentials of a DCS user account. */
        SignInRequest: {
            /** @description The DCS username. */
            username: string;
            /** @description The DCS password. Send it over HTTPS only. */
            password: string;
        };
        /** @description Information about the signed-in account (informational only). */
        SignInResult: {
            /** @description The account's username. */
            username: string;
            /** @description The account's DCS role, e.g. `Operator`. */
            role: string;
            /** @description The version of the DCS Web API application, when the server reports it. */
            appVersion?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The API's status. The vendor does not document its properties, so none are assumed. */
        Status: {
            [key: string]: unknown;
        };
        /** @description The body of every non-2xx response. */
        ErrorBody: {
            /** @description Why the request failed, in words meant for a human. */
            details: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The body of a 429 response. */
        RateLimitErrorBody: {
            /** @description Why the request failed, in words meant for a human. */
            details?: string;
            /** @description How many seconds to wait before retrying (the same as `Retry-After`). */
            backOffSuggestion: number;
        } & {
            [key: string]: unknown;
        };
        /** @description One measured channel of a meter, e.g. imported energy or voltage. */
        Register: {
            /**
             * Format: int64
             * @description The register's unique id (unsigned 32 bit); readings are requested as `R<id>`.
             */
            id: number;
            /** @description The register's address within the meter; its form depends on the meter type. */
            address: string;
            /** @description True for an instantaneous quantity (e.g. W, V), false for a cumulative one (e.g. kWh). */
            isInstantaneous: boolean;
            /** @description The register's name, unique within its meter. */
            name: string;
            /** @description The scale factor applied to readings as they are read; may be empty. */
            scaleFactor: string;
            /** @description The scale factor used when `scaleFactor` is empty; may be empty too, meaning no scaling. */
            defaultScaleFactor: string;
            /** @description The unit of the readings, e.g. `kWh`. */
            unit: string;
        } & {
            [key: string]: unknown;
        };
        /** @description How DCS reaches the meter to collect data: `tcp`, `modem` or `idc` as documented, or a method a newer server adds (M-Bus meters are new in 2026). Open: any string is valid. */
        ConnectionMethod: "tcp" | "modem" | "idc" | (string & {});
        /** @description `online` or `offline` by the age of the latest reading compared with what the connection method leads to expect; `disabled` when data collection is off; `unknown`. The vendor's table writes `Online`, and the vendor promises new values over time, so this is open: any string is valid, kept as sent. */
        MeterStatus: "online" | "offline" | "disabled" | "unknown" | (string & {});
        /** @description A physical meter and its registers. */
        Meter: {
            /**
             * Format: int64
             * @description The meter's unique id (unsigned 32 bit). Readings are requested by register id, not this.
             */
            id: number;
            /** @description The meter's unique name. */
            name: string;
            connectionMethod: components["schemas"]["ConnectionMethod"];
            /** @description The outstation address; its form depends on the meter type. */
            deviceId: string;
            /** @description The name of the meter's type. */
            meterType?: string;
            /** @description Where DCS reaches the meter (an IP address and port, a modem number, ...); its form depends on `connectionMethod`. */
            remoteAddress: string;
            /** @description The manufacturer's serial number. */
            serialNumber: string;
            /** @description The metering point number, present when one is set. */
            mpn?: string;
            /** @description The meter's service (e.g. electricity), present when one is set. */
            service?: string;
            status: components["schemas"]["MeterStatus"];
            /** @description The meter's registers. */
            registers: components["schemas"]["Register"][];
        } & {
            [key: string]: unknown;
        };
        /** @description A name that a virtual meter's expression uses for one register. */
        RegisterAlias: {
            /** @description The name used in the expression. */
            alias: string;
            /**
             * Format: int64
             * @description The id of the register the alias stands for.
             */
            registerId: number;
            /** @description The register's name; may be empty or absent. */
            registerName?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A meter computed from registers by an expression. */
        VirtualMeter: {
            /**
             * Format: int64
             * @description The virtual meter's unique id (unsigned 32 bit); readings are requested as `VM<id>`.
             */
            id: number;
            /** @description The virtual meter's unique name. */
            name: string;
            /** @description The arithmetic expression over register aliases, e.g. `A+B`. */
            expression: string;
            /** @description How many decimal places the computed values are rounded to. */
            decimalPlaces?: number;
            /** @description True for an instantaneous quantity, false for a cumulative one. */
            isInstantaneous: boolean;
            /** @description The unit of the computed values. */
            unit: string;
            /** @description The registers the expression refers to. */
            registerAliases: components["schemas"]["RegisterAlias"][];
        } & {
            [key: string]: unknown;
        };
        /**
         * @description The length of a reading period: half an hour, an hour, a day, a week (starting Monday) or a calendar month.
         * @enum {string}
         */
        PeriodType: "halfHour" | "hour" | "day" | "week" | "month";
        /** @description A reading value: a number, or one of the strings `NaN`, `Infinity` and `-Infinity` where the value is not finite. */
        ReadingValue: number | ("NaN" | "Infinity" | "-Infinity");
        /** @description Flags combined with bitwise OR; 0 means none. 1 (interpolated): no reading exists and the server estimated this one. 2 (reset): a register reset makes this a discontinuity. Other bits may appear in future. */
        ReadingStatus: number;
        /** @description One reading in the `standard` format. */
        StandardReading: {
            /**
             * Format: date-time
             * @description The start of the reading's period, in UTC.
             */
            timestamp: string;
            /** @description The value: the total at `timestamp` for cumulative registers, the value for instantaneous ones, the consumption in the period when `readingDuration` is not 0 (virtual meters). For a cumulative register (kWh, m³) it is the running total, like the number on the meter's dial: the consumption in a period is the next reading's total minus this one (not across a reset), or `periodValue` in the `complete` format, and the largest value is the latest total, not the peak demand. For a virtual meter it is the consumption in the period starting at `timestamp`, so the largest value is the peak period. */
            value: components["schemas"]["ReadingValue"];
            /** @description The reading's status flags (1 interpolated, 2 reset); 0 for a plain reading. */
            status: components["schemas"]["ReadingStatus"];
        } & {
            [key: string]: unknown;
        };
        /** @description One reading in the `complete` format (registers only). */
        CompleteReading: {
            /**
             * Format: date-time
             * @description The start of the reading's period, in UTC.
             */
            timestamp: string;
            /** @description The register's running total at `timestamp` (`value` in the `standard` format). */
            totalValue: components["schemas"]["ReadingValue"];
            /** @description The consumption in the period, comparable with a virtual meter's `value`; 0 for instantaneous registers. */
            periodValue: components["schemas"]["ReadingValue"];
            /** @description The reading's status flags (1 interpolated, 2 reset); 0 for a plain reading. */
            status: components["schemas"]["ReadingStatus"];
        } & {
            [key: string]: unknown;
        };
        /** @description The result of a readings request with `format=standard`. */
        StandardReadingsResult: {
            /**
             * Format: date-time
             * @description The start of the span actually covered (UTC).
             */
            startTime: string;
            /**
             * Format: date-time
             * @description The end of the span actually covered (UTC, exclusive).
             */
            endTime: string;
            /** @description The full name of the source: `METER: REGISTER` for a register. */
            name: string;
            /** @description The period type of the request. */
            periodType: components["schemas"]["PeriodType"];
            /** @description The unit of every value, e.g. `kWh`. */
            unit: string;
            /** @description Minutes each value covers: 0 when values are totals or instantaneous, the period's length when they are consumption (normally virtual meters). */
            readingDuration?: number;
            /** @description The same as `readingDuration`, under the name the vendor's public sample uses. A server sends one of the two. */
            duration?: number;
            /** @description The readings, in time order. */
            readings: components["schemas"]["StandardReading"][];
        } & {
            [key: string]: unknown;
        };
        /** @description The result of a readings request with `format=complete` (registers only). */
        CompleteReadingsResult: {
            /**
             * Format: date-time
             * @description The start of the span actually covered (UTC).
             */
            startTime: string;
            /**
             * Format: date-time
             * @description The end of the span actually covered (UTC, exclusive).
             */
            endTime: string;
            /** @description The full name of the register, `METER: REGISTER`. */
            name: string;
            /** @description The period type of the request. */
            periodType: components["schemas"]["PeriodType"];
            /** @description The unit of every value, e.g. `kWh`. */
            unit: string;
            /** @description Minutes each value covers: 0 when values are totals or instantaneous, the period's length when they are consumption. */
            readingDuration?: number;
            /** @description The same as `readingDuration`, under the name the vendor's public sample uses. A server sends one of the two. */
            duration?: number;
            /** @description The readings, in time order. */
            readings: components["schemas"]["CompleteReading"][];
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description The meters, each with its registers. */
        MeterList: {
            headers: {
                "X-Rate-Limit-Limit": components["headers"]["XRateLimitLimit"];
                "X-Rate-Limit-Remaining": components["headers"]["XRateLimitRemaining"];
                "X-Rate-Limit-Reset": components["headers"]["XRateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Meter"][];
            };
        };
        /** @description The virtual meters. */
        VirtualMeterList: {
            headers: {
                "X-Rate-Limit-Limit": components["headers"]["XRateLimitLimit"];
                "X-Rate-Limit-Remaining": components["headers"]["XRateLimitRemaining"];
                "X-Rate-Limit-Reset": components["headers"]["XRateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["VirtualMeter"][];
            };
        };
        /** @description The readings and a description of the span. The body has one of the two result shapes, according to the `format` requested; they differ only in the shape of each reading. The JSON carries no property naming the shape, so a client tells them apart by the format it asked for (or by the properties of the readings). The schema says `anyOf` rather than `oneOf` on purpose: a result with an empty `readings` array fits both shapes. */
        Readings: {
            headers: {
                "X-Rate-Limit-Limit": components["headers"]["XRateLimitLimit"];
                "X-Rate-Limit-Remaining": components["headers"]["XRateLimitRemaining"];
                "X-Rate-Limit-Reset": components["headers"]["XRateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["StandardReadingsResult"] | components["schemas"]["CompleteReadingsResult"];
            };
        };
        /**
         * @description No register or virtual meter has that id. The public description does not say
         *     which status a server uses for this; the simulator and this SDK use 404.
         */
        UnknownSource: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The request is malformed or not allowed, e.g. a bad id or parameter, times off the period boundaries, or a span longer than the server's configured maximum. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description No valid authentication token was sent, or it has expired; sign in again. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The caller is known but may not do this, e.g. a meter restriction profile hides the meter, or the account has expired or is outside its access dates. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The endpoint's rate limit (shared by all callers) is exhausted. Wait for `Retry-After` seconds before trying again. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["RateLimitErrorBody"];
            };
        };
        /** @description A fault inside DCS; report it to the server's administrator. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: {
        /** @description What to read: `R` and a register id (e.g. `R733`) or `VM` and a virtual meter id (e.g. `VM9`). The prefix is not case sensitive. A meter's own id is never valid here. */
        ReadingsId: string;
        /** @description The shape of each reading: `standard` gives one `value`, `complete` gives `totalValue` and `periodValue`. `complete` is not valid for virtual meters. More formats may be added by the vendor. */
        ReadingsFormat: "standard" | "complete";
        /** @description Start of the span (inclusive), in UTC as `yyyy-MM-ddTHH:mm:ssZ`. Must be on a boundary of `periodType`. Give exactly two of `startTime`, `endTime` and `periodCount`. */
        StartTime: string;
        /** @description End of the span (exclusive), in UTC as `yyyy-MM-ddTHH:mm:ssZ`. Must be on a boundary of `periodType`. Give exactly two of `startTime`, `endTime` and `periodCount`. */
        EndTime: string;
        /** @description The number of periods of `periodType` in the span. Give exactly two of `startTime`, `endTime` and `periodCount`. */
        PeriodCount: number;
        /** @description The length of each reading's period. Sources that are instantaneous (e.g. a power register) allow `halfHour` only. `startTime` and `endTime` must lie on boundaries of this period: weeks start on Monday, months on the 1st. */
        PeriodTypeQuery: components["schemas"]["PeriodType"];
        /** @description When true, calibration readings stored for the register adjust the totals from their start time onward. Ignored for instantaneous registers and virtual meters. The server's default is false. */
        Calibrated: boolean;
        /** @description When true, the server estimates missing readings by linear interpolation and flags them (status bit 1); where it can not, the gaps stay. Ignored for instantaneous registers and virtual meters. The server's default is false. */
        Interpolated: boolean;
    };
    requestBodies: never;
    headers: {
        /** @description The authentication cookie. Its name starts with `COHERENT-DCS-API`; its value is an opaque token that must be kept secret. */
        SetCookie: string;
        /** @description The period the rate limit is counted over, such as `1s`, `1m`, `12h` or `1d`. */
        XRateLimitLimit: string;
        /** @description How many more requests this endpoint accepts in the current period (from all callers together). */
        XRateLimitRemaining: number;
        /** @description When the current rate limit period ends (UTC, ISO 8601). */
        XRateLimitReset: string;
        /** @description How many seconds to wait before retrying. The vendor's documentation shows values with a unit (`3s`), so clients should accept a trailing `s`. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInRequest"];
            };
        };
        responses: {
            /** @description Signed in. The token travels in the `Set-Cookie` header. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SetCookie"];
                    "X-Rate-Limit-Limit": components["headers"]["XRateLimitLimit"];
                    "X-Rate-Limit-Remaining": components["headers"]["XRateLimitRemaining"];
                    "X-Rate-Limit-Reset": components["headers"]["XRateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description The username or password is wrong. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out (or there was nothing to sign out of). */
            204: {
                headers: {
                    /** @description Clears the authentication cookie. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status object. */
            200: {
                headers: {
                    "X-Rate-Limit-Limit": components["headers"]["XRateLimitLimit"];
                    "X-Rate-Limit-Remaining": components["headers"]["XRateLimitRemaining"];
                    "X-Rate-Limit-Reset": components["headers"]["XRateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Status"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getMeters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["MeterList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getVirtualMeters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["VirtualMeterList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getReadings: {
        parameters: {
            query: {
                /** @description What to read: `R` and a register id (e.g. `R733`) or `VM` and a virtual meter id (e.g. `VM9`). The prefix is not case sensitive. A meter's own id is never valid here. */
                id: components["parameters"]["ReadingsId"];
                /** @description The shape of each reading: `standard` gives one `value`, `complete` gives `totalValue` and `periodValue`. `complete` is not valid for virtual meters. More formats may be added by the vendor. */
                format?: components["parameters"]["ReadingsFormat"];
                /** @description Start of the span (inclusive), in UTC as `yyyy-MM-ddTHH:mm:ssZ`. Must be on a boundary of `periodType`. Give exactly two of `startTime`, `endTime` and `periodCount`. */
                startTime?: components["parameters"]["StartTime"];
                /** @description End of the span (exclusive), in UTC as `yyyy-MM-ddTHH:mm:ssZ`. Must be on a boundary of `periodType`. Give exactly two of `startTime`, `endTime` and `periodCount`. */
                endTime?: components["parameters"]["EndTime"];
                /** @description The number of periods of `periodType` in the span. Give exactly two of `startTime`, `endTime` and `periodCount`. */
                periodCount?: components["parameters"]["PeriodCount"];
                /** @description The length of each reading's period. Sources that are instantaneous (e.g. a power register) allow `halfHour` only. `startTime` and `endTime` must lie on boundaries of this period: weeks start on Monday, months on the 1st. */
                periodType?: components["parameters"]["PeriodTypeQuery"];
                /** @description When true, calibration readings stored for the register adjust the totals from their start time onward. Ignored for instantaneous registers and virtual meters. The server's default is false. */
                calibrated?: components["parameters"]["Calibrated"];
                /** @description When true, the server estimates missing readings by linear interpolation and flags them (status bit 1); where it can not, the gaps stay. Ignored for instantaneous registers and virtual meters. The server's default is false. */
                interpolated?: components["parameters"]["Interpolated"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Readings"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["UnknownSource"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getPublicMeters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["MeterList"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getPublicVirtualMeters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["VirtualMeterList"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getPublicReadings: {
        parameters: {
            query: {
                /** @description What to read: `R` and a register id (e.g. `R733`) or `VM` and a virtual meter id (e.g. `VM9`). The prefix is not case sensitive. A meter's own id is never valid here. */
                id: components["parameters"]["ReadingsId"];
                /** @description The shape of each reading: `standard` gives one `value`, `complete` gives `totalValue` and `periodValue`. `complete` is not valid for virtual meters. More formats may be added by the vendor. */
                format?: components["parameters"]["ReadingsFormat"];
                /** @description Start of the span (inclusive), in UTC as `yyyy-MM-ddTHH:mm:ssZ`. Must be on a boundary of `periodType`. Give exactly two of `startTime`, `endTime` and `periodCount`. */
                startTime?: components["parameters"]["StartTime"];
                /** @description End of the span (exclusive), in UTC as `yyyy-MM-ddTHH:mm:ssZ`. Must be on a boundary of `periodType`. Give exactly two of `startTime`, `endTime` and `periodCount`. */
                endTime?: components["parameters"]["EndTime"];
                /** @description The number of periods of `periodType` in the span. Give exactly two of `startTime`, `endTime` and `periodCount`. */
                periodCount?: components["parameters"]["PeriodCount"];
                /** @description The length of each reading's period. Sources that are instantaneous (e.g. a power register) allow `halfHour` only. `startTime` and `endTime` must lie on boundaries of this period: weeks start on Monday, months on the 1st. */
                periodType?: components["parameters"]["PeriodTypeQuery"];
                /** @description When true, calibration readings stored for the register adjust the totals from their start time onward. Ignored for instantaneous registers and virtual meters. The server's default is false. */
                calibrated?: components["parameters"]["Calibrated"];
                /** @description When true, the server estimates missing readings by linear interpolation and flags them (status bit 1); where it can not, the gaps stay. Ignored for instantaneous registers and virtual meters. The server's default is false. */
                interpolated?: components["parameters"]["Interpolated"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Readings"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["UnknownSource"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
}
