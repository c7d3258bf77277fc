/**
 * Generated from spec/dcs-v3.yaml by `npm run generate`. Do not edit by hand.
 */

export interface paths {
    "/api/account/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in and obtain an authentication cookie
         * @description Checks the credentials of a DCS user account. On success the response sets a cookie whose name starts with `COHERENT-DCSV3`; send it with every later call. The body is informational only.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/account/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out
         * @description Ends the session of the cookie sent. Servers answer 200 or 204; any body carries no information.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List meters and their registers
         * @description Every meter the logged-in user may see, each with its registers. A register's `id` is what readings are requested by, not the meter's.
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
    "/api/meters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one meter and its registers */
        get: operations["getMeter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/virtualMeters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List virtual meters */
        get: operations["getVirtualMeters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/virtualMeters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one virtual meter */
        get: operations["getVirtualMeter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registerReadings/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get readings of a register
         * @description Readings of one register from `start` (inclusive) to `end` (exclusive), integrated to `integrationPeriod`. With a week or month period, `start` must be the first day of a calendar week (Monday) or month.
         */
        get: operations["getRegisterReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/virtualMeterReadings/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get readings of a virtual meter
         * @description Readings of one virtual meter from `start` (inclusive) to `end` (exclusive), integrated to `integrationPeriod`. With a week or month period, `start` must be the first day of a calendar week (Monday) or month. `totalValue` is always 0; the values are in `periodValue`.
         */
        get: operations["getVirtualMeterReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registerReadings/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import metered data from a CSV file (unofficial, destructive)
         * @description Imports readings as if DCS had collected them, through one of the server's data import plugins; a reading already stored for the same register and time is overwritten. The metered data CSV plugin (id 1 on a standard install) takes the DCS User Guide's Format 1 (the Coherent CSV layout of DCS's exports: Meter, Name, SerialNumber, Register, Date, StartTime, Duration, PeriodValue, TotalValue, Unit) or Format 2 (RegisterId, Date, Time, Duration, PeriodValue, TotalValue), with dates `dd/MM/yyyy` and times the UTC start of each period (`HH:mm:ss`). Importing needs an Administrator. The web UI sends the path with a trailing slash. Unofficial, reverse engineered; the answer's body is undocumented.
         */
        post: operations["importMeteredData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/Idcs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List IDCs (unofficial)
         * @description Every IDC (the data concentrators meters are wired to) known to the server. Unofficial, reverse engineered.
         */
        get: operations["getIdcs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/Idcs/{macAddress}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one IDC (unofficial)
         * @description The IDC with the given MAC address. Unofficial, reverse engineered.
         */
        get: operations["getIdc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/Idcs/settings/{macAddress}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an IDC's settings (unofficial)
         * @description The configuration of the IDC with the given MAC address, as the web UI edits it. Its shape is not documented. Unofficial, reverse engineered.
         */
        get: operations["getIdcSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/Idcs/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace an IDC's settings (unofficial, destructive)
         * @description Writes the settings of one IDC. Settings missing from the body are reset to zero or blank, so read them first, change what is needed and write the whole object back. Reverse engineered and risky: a wrong setting can cut the IDC and its meters off.
         */
        put: operations["updateIdcSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ModbusDevices/byIdc/{macAddress}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the Modbus devices of an IDC (unofficial)
         * @description The Modbus devices (pulse counters, radio receivers, ...) under the IDC with the given MAC address. Unofficial, reverse engineered.
         */
        get: operations["getModbusDevicesByIdc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ModbusDevices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one Modbus device (unofficial)
         * @description The Modbus device with the given id. Unofficial, reverse engineered.
         */
        get: operations["getModbusDevice"];
        put?: never;
        post?: never;
        /**
         * Delete a Modbus device (unofficial, destructive)
         * @description Removes the Modbus device with the given id from the server's configuration. There is no undo. Reverse engineered and risky.
         */
        delete: operations["deleteModbusDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ModbusDevices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a Modbus device (unofficial, destructive)
         * @description Writes a whole Modbus device, identified by its `id`. Properties missing from the body are reset to zero or blank, so read the device first, change what is needed and write the whole object back. Reverse engineered and risky.
         */
        put: operations["updateModbusDevice"];
        /**
         * Add a Modbus device (unofficial, destructive)
         * @description Creates a Modbus device under an IDC and returns it with its new id. Reverse engineered and risky: it changes what the IDC polls.
         */
        post: operations["addModbusDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ModbusDevices/command": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a command to a Modbus device (unofficial, destructive)
         * @description Runs an action on a Modbus device: `testComms` checks communication, `setup` and `resetBuffer` (pulse counters and radio receivers only) configure the device or clear its stored data. Reverse engineered and risky: `resetBuffer` discards data not yet collected.
         */
        post: operations["commandModbusDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/MeterGroups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a meter group and what it contains (unofficial)
         * @description The tree of meter groups (the web UI's folders) below the given group, with their meters, registers and virtual meters as the query asks. Group 0 is the root. Unofficial, reverse engineered.
         */
        get: operations["getMeterTree"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/CalibrationReadings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a register's calibration readings (unofficial)
         * @description The calibration readings stored for a register, a page at a time. A calibration reading sets the register's total from its start time onward. Unofficial, reverse engineered.
         */
        get: operations["getCalibrationReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/Meters/byIdc/{macAddress}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the meters of an IDC (unofficial)
         * @description The meters connected through the IDC with the given MAC address, without their registers. Unofficial, reverse engineered.
         */
        get: operations["getMetersByIdc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/Meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a meter's settings (unofficial, destructive)
         * @description Writes a whole meter, identified by its `id`. Properties missing from the body are reset to zero or blank, so read the meter first (`GET /api/meters/{id}`), change what is needed and write the whole object back. Reverse engineered and risky: it changes how DCS collects the meter's data.
         */
        put: operations["updateMeter"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/MeterTypes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List meter types (unofficial)
         * @description Every meter type defined on the server, with its register types. Unofficial, reverse engineered.
         */
        get: operations["getMeterTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/MeterTypes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one meter type (unofficial)
         * @description The meter type with the given id, with its register types. Unofficial, reverse engineered.
         */
        get: operations["getMeterType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/Registers/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add registers to a meter (unofficial, destructive)
         * @description Adds one register to the meter for each register type id given (see the meter types). Reverse engineered and risky: it changes what DCS collects.
         */
        post: operations["addRegisters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users (unofficial)
         * @description Every user account of the server. Only an Administrator may see the users (the DCS User Guide's roles); any other role gets 403. Unofficial, reverse engineered (pythondcspro's `get_users`).
         */
        get: operations["getUsers"];
        /**
         * Replace a user (unofficial, destructive)
         * @description Writes a whole user, identified by its `id`. Properties missing from the body are reset, so read the user first (`GET /api/users/{id}`), change what is needed and write the whole object back; the name cannot change. DCS is reported to answer with the user's details as they were before the change, so read the user again to see the new ones. Administrators only. Reverse engineered (pythondcspro's `update_user`) and risky.
         */
        put: operations["updateUser"];
        /**
         * Create a user (unofficial, destructive)
         * @description Adds a user account and returns it with its new id. DCS emails the new user a password. Administrators only. Reverse engineered (pythondcspro's `create_user`) and risky: it changes who may use the server.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one user (unofficial)
         * @description The user account with the given id. Administrators only. Unofficial, reverse engineered (pythondcspro's `get_users(id)`).
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Delete a user (unofficial, destructive)
         * @description Removes the user account with the given id; its sessions end. There is no undo. Administrators only. Reverse engineered (pythondcspro's `delete_user`) and risky.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meterrestrictionprofiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List meter restriction profiles (unofficial)
         * @description The meter restriction profiles: each a default access (granted or denied) and a nested list of meter groups, meters and virtual meters granted or denied, which restrict the users given the profile. Unofficial, reverse engineered (pythondcspro's `get_meterrestrictions`).
         */
        get: operations["getMeterRestrictionProfiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/idcrestrictionprofiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List IDC restriction profiles (unofficial)
         * @description The IDC restriction profiles: each a default access and a nested list of IDC groups granted or denied. Unofficial, reverse engineered (pythondcspro's `get_idcrestrictions`).
         */
        get: operations["getIdcRestrictionProfiles"];
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
        LoginRequest: {
            /** @description The DCS username. */
            username: string;
            /** @description The DCS password. Send it over HTTPS only. */
            password: string;
        };
        /** @description Information about the logged-in account (informational only). */
        LoginResult: {
            /** @description The account's username. */
            username: string;
            /** @description The account's DCS role, e.g. `Operator`. */
            role: string;
            /** @description The version of DCS, when the server reports it. */
            appVersion?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The body of a non-2xx response. */
        ErrorBody: {
            /** @description Why the request failed, in words meant for a human. */
            details: string;
        } & {
            [key: string]: unknown;
        };
        /** @description One measured channel of a meter, e.g. imported energy or voltage. */
        Register: {
            /**
             * Format: int64
             * @description The register's unique id (unsigned 32 bit); readings are requested by it.
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
        /** @description A physical meter and its registers. As a request body (`PUT /api/Meters`) it must be the whole object: missing properties are reset. */
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
        /** @description A meter as listed by `GET /api/Meters/byIdc/{macAddress}` or inside the meter tree: the properties of a meter, of which only `id` and `name` are sure to be present (registers only when asked for). */
        MeterSummary: {
            /**
             * Format: int64
             * @description The meter's unique id (unsigned 32 bit).
             */
            id: number;
            /** @description The meter's unique name. */
            name: string;
            connectionMethod?: components["schemas"]["ConnectionMethod"];
            /** @description The outstation address; its form depends on the meter type. */
            deviceId?: string;
            /** @description The name of the meter's type. */
            meterType?: string;
            /** @description Where DCS reaches the meter; its form depends on `connectionMethod`. */
            remoteAddress?: string;
            /** @description The manufacturer's serial number. */
            serialNumber?: string;
            /** @description The metering point number, present when one is set. */
            mpn?: string;
            /** @description The meter's service, present when one is set. */
            service?: string;
            status?: components["schemas"]["MeterStatus"];
            /** @description The meter's registers, when included. */
            registers?: components["schemas"]["Register"][];
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
             * @description The virtual meter's unique id (unsigned 32 bit).
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
        /** @description One reading period of a register or virtual meter. */
        LegacyReading: {
            /**
             * Format: int64
             * @description The reading's row id on the server.
             */
            id: number;
            /**
             * Format: date-time
             * @description The start of the period, ISO 8601 with `Z`, or with an offset such as `+01:00` when `useLocalTime=true`.
             */
            startTime: string;
            /** @description The length of the period in minutes. */
            duration: number;
            /** @description The register's total at `startTime`; always 0 for virtual meters. */
            totalValue: components["schemas"]["ReadingValue"];
            /** @description The consumption in the period; 0 for instantaneous sources. */
            periodValue: components["schemas"]["ReadingValue"];
            /** @description True when the server made this reading up to pad missing data. */
            isGenerated: boolean;
            /** @description True when the server estimated this reading (with `interpolated=true`). */
            isInterpolated: boolean;
        } & {
            [key: string]: unknown;
        };
        /** @description A meter group (a folder of the web UI) with, as the query asks, its subgroups, meters and virtual meters. */
        MeterGroup: {
            /**
             * Format: int64
             * @description The group's id; 0 is the root.
             */
            id: number;
            /** @description The group's name. */
            name: string;
            /** @description True when the group holds meters directly. */
            hasMeters?: boolean;
            /** @description The meters directly in this group. */
            meters?: components["schemas"]["MeterSummary"][];
            /** @description The subgroups, each a tree of the same shape. */
            meterGroups?: components["schemas"]["MeterGroup"][];
            /** @description The virtual meters directly in this group. */
            virtualMeters?: components["schemas"]["VirtualMeter"][];
        } & {
            [key: string]: unknown;
        };
        /** @description An IDC, a data concentrator that meters and Modbus devices are connected through. */
        Idc: {
            /**
             * Format: int64
             * @description The IDC's MAC address as an unsigned 48-bit integer.
             */
            macAddress: number;
            /** @description The IDC's name. */
            name?: string;
            /** @description The IDC's IP address. */
            ipAddress?: string;
            /** @description The IDC's status as the server reports it. */
            status?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The configuration of an IDC as the web UI edits it. Its properties are not documented; pass them back unchanged except for what you mean to change. */
        IdcSettings: {
            [key: string]: unknown;
        };
        /** @description The body of `PUT /api/Idcs/settings`. */
        UpdateIdcSettingsRequest: {
            /**
             * Format: int64
             * @description The MAC address of the IDC to change, as an unsigned 48-bit integer.
             */
            macAddress: number;
            /** @description The whole settings object; missing settings are reset. */
            idcSettings: components["schemas"]["IdcSettings"];
        };
        /** @description A Modbus device (e.g. a pulse counter or radio receiver) under an IDC. As a request body (`PUT /api/ModbusDevices`) it must be the whole object. */
        ModbusDevice: {
            /**
             * Format: int64
             * @description The device's unique id.
             */
            id: number;
            /** @description The device's Modbus address on the IDC's bus. */
            address: number;
            /** @description A free text description. */
            description?: string;
            /** @description The device's serial number. */
            serialNumber?: string;
            /** @description The kind of device, e.g. `pulseCounter` or `radioReceiver`. */
            deviceType?: string;
            /**
             * Format: int64
             * @description The MAC address of the IDC the device is under, as an unsigned 48-bit integer.
             */
            macAddress: number;
        } & {
            [key: string]: unknown;
        };
        /** @description The body of `POST /api/ModbusDevices`. */
        NewModbusDevice: {
            /** @description The device's Modbus address on the IDC's bus. */
            address: number;
            /** @description A free text description. */
            description: string;
            /** @description The device's serial number. */
            serialNumber: string;
            /**
             * @description The kind of device.
             * @enum {string}
             */
            deviceType: "pulseCounter" | "radioReceiver";
            /**
             * Format: int64
             * @description The MAC address of the IDC to add the device under, as an unsigned 48-bit integer.
             */
            macAddress: number;
        };
        /** @description The body of `POST /api/ModbusDevices/command`. */
        ModbusCommand: {
            /**
             * Format: int64
             * @description The id of the Modbus device.
             */
            id: number;
            /**
             * @description `testComms` checks communication; `setup` and `resetBuffer` are accepted by pulse counters and radio receivers only.
             * @enum {string}
             */
            action: "testComms" | "setup" | "resetBuffer";
        };
        /** @description The outcome of a Modbus command. Its properties are not documented. */
        ModbusCommandResult: {
            [key: string]: unknown;
        };
        /** @description A calibration reading, setting a register's total from a point in time onward. */
        CalibrationReading: {
            /** @description When the calibration reading was taken, as an ISO 8601 date-time without a zone (e.g. `2024-03-04T08:00:00`) that means UTC. */
            timestamp: string;
            /** @description From when the calibration applies, as an ISO 8601 date-time without a zone that means UTC. */
            startTime: string;
            /** @description The register's total at `timestamp`. */
            value: number;
            /** @description The offset the calibration adds to the totals. */
            offset?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A page of calibration readings. */
        CalibrationReadingsPage: {
            /** @description The calibration readings on this page. */
            calibrationReadings: components["schemas"]["CalibrationReading"][];
            /** @description How many calibration readings the register has in all. */
            totalCount?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A kind of register that meters of a meter type can have. */
        RegisterType: {
            /**
             * Format: int64
             * @description The register type's id, as `POST /api/Registers/add` takes it.
             */
            id: number;
            /** @description The register type's name. */
            name: string;
            /** @description The unit of its readings. */
            unit?: string;
            /** @description True for an instantaneous quantity, false for a cumulative one. */
            isInstantaneous?: boolean;
        } & {
            [key: string]: unknown;
        };
        /** @description A kind of meter the server can collect data from. */
        MeterType: {
            /**
             * Format: int64
             * @description The meter type's id.
             */
            id: number;
            /** @description The meter type's name. */
            name: string;
            /** @description The register types meters of this type can have. */
            registerTypes?: components["schemas"]["RegisterType"][];
        } & {
            [key: string]: unknown;
        };
        /** @description The body of `POST /api/registerReadings/import`. */
        ImportMeteredDataRequest: {
            /**
             * Format: int64
             * @description The data import plugin to read `data` with; 1 is the metered data CSV plugin of a standard install.
             */
            dataImportPluginId: number;
            /** @description The whole file, as text. */
            data: string;
        };
        /** @description The body of `POST /api/Registers/add`. */
        AddRegistersRequest: {
            /**
             * Format: int64
             * @description The id of the meter to add registers to.
             */
            meterId: number;
            /** @description One register type id per register to add. */
            registerTypeIds: number[];
        };
        /** @description A user's role: `Administrator`, `Operator`, `Viewer` or `Guest` as the DCS User Guide lists them. Open: a newer server may add roles. */
        UserRole: "Administrator" | "Operator" | "Viewer" | "Guest" | (string & {});
        /** @description A user account. Servers send more properties than these (expiry, data access dates, restriction profiles, single sign-on); keep them, and send the whole object back when replacing a user. */
        User: {
            /** @description The user's id, a UUID-like string. */
            id: string;
            /** @description The user name, unique; it cannot be changed. */
            name: string;
            /** @description The user's email address. */
            email?: string;
            role: components["schemas"]["UserRole"];
        } & {
            [key: string]: unknown;
        };
        /** @description The body of `POST /api/users`: at least the name, email and role; any other property of a user may be given too. */
        NewUser: {
            /** @description The user name: letters, digits, `-`, `.`, `_`, `@`, `+` and spaces (the User Guide). */
            name: string;
            /** @description The user's email address; DCS sends the password there. */
            email: string;
            role: components["schemas"]["UserRole"];
        } & {
            [key: string]: unknown;
        };
        /** @description A meter or IDC restriction profile. Its other properties (default access, whether new users get it, the granted and denied items) are not documented; they are kept as sent. */
        RestrictionProfile: {
            /** @description The profile's id, as users refer to it. */
            id: number | string;
            /** @description The profile's name. */
            name: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description The readings, in time order. */
        LegacyReadings: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyReading"][];
            };
        };
        /** @description The request is malformed or not allowed (bad id, parameter or date). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description No valid authentication cookie was sent, or it has expired; log in again. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The account is known but its role or restrictions do not allow this. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description No such object (here, no user with that id). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
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
        /** @description The id of the meter. */
        MeterIdPath: number;
        /** @description The id of the virtual meter. */
        VirtualMeterIdPath: number;
        /** @description The id of the Modbus device. */
        ModbusDeviceIdPath: number;
        /** @description The id of the user, a UUID-like string. */
        UserIdPath: string;
        /** @description The IDC's MAC address as an unsigned 48-bit integer, e.g. 112394521950 for `00:1A:2B:3C:4D:5E`. */
        MacAddressPath: number;
        /** @description Start of the span (inclusive): a date `yyyy-MM-dd` (midnight) or a full ISO 8601 date-time. With a week or month period it must be a Monday or the 1st of a month. When omitted, the server uses its own today. */
        Start: string;
        /** @description End of the span (exclusive): a date `yyyy-MM-dd` or a full ISO 8601 date-time. When omitted the span is one day, or one week or one month for those periods. */
        End: string;
        /** @description The length of each reading's period (weeks start on Monday). */
        IntegrationPeriod: components["schemas"]["PeriodType"];
        /** @description False for UTC times, true for UK local time (GMT or BST); with true each `startTime` carries its offset and clock-change days have 46 or 50 half hours. */
        UseLocalTime: boolean;
        /** @description How many decimal places values are rounded to. The vendor's documentation gives 1 to 5 with a default of 1; existing clients send 15 to get the values unrounded, which servers accept. */
        DecimalPlaces: number;
        /** @description When true, calibration readings stored for the register adjust the totals from their start time onward. */
        Calibrated: boolean;
        /** @description When true, the server estimates missing readings by linear interpolation and flags them with `isInterpolated`. */
        Interpolated: boolean;
        /** @description Which readings to use: those collected automatically (normal), those entered manually, or both merged. */
        Source: "automatic" | "manual" | "merged";
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Logged in. The token travels in the `Set-Cookie` header. */
            200: {
                headers: {
                    /** @description The authentication cookie. Its name starts with `COHERENT-DCSV3`; its value is an opaque token that must be kept secret. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResult"];
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
            500: components["responses"]["ServerError"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Logged out. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
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
            /** @description The meters. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meter"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getMeter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the meter. */
                id: components["parameters"]["MeterIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The meter. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meter"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
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
            /** @description The virtual meters. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VirtualMeter"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getVirtualMeter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the virtual meter. */
                id: components["parameters"]["VirtualMeterIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The virtual meter. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VirtualMeter"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getRegisterReadings: {
        parameters: {
            query: {
                /** @description The id of the register (not of its meter). */
                registerId: number;
                /** @description Start of the span (inclusive): a date `yyyy-MM-dd` (midnight) or a full ISO 8601 date-time. With a week or month period it must be a Monday or the 1st of a month. When omitted, the server uses its own today. */
                start?: components["parameters"]["Start"];
                /** @description End of the span (exclusive): a date `yyyy-MM-dd` or a full ISO 8601 date-time. When omitted the span is one day, or one week or one month for those periods. */
                end?: components["parameters"]["End"];
                /** @description The length of each reading's period (weeks start on Monday). */
                integrationPeriod?: components["parameters"]["IntegrationPeriod"];
                /** @description False for UTC times, true for UK local time (GMT or BST); with true each `startTime` carries its offset and clock-change days have 46 or 50 half hours. */
                useLocalTime?: components["parameters"]["UseLocalTime"];
                /** @description How many decimal places values are rounded to. The vendor's documentation gives 1 to 5 with a default of 1; existing clients send 15 to get the values unrounded, which servers accept. */
                decimalPlaces?: components["parameters"]["DecimalPlaces"];
                /** @description When true, calibration readings stored for the register adjust the totals from their start time onward. */
                calibrated?: components["parameters"]["Calibrated"];
                /** @description When true, the server estimates missing readings by linear interpolation and flags them with `isInterpolated`. */
                interpolated?: components["parameters"]["Interpolated"];
                /** @description Which readings to use: those collected automatically (normal), those entered manually, or both merged. */
                source?: components["parameters"]["Source"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyReadings"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getVirtualMeterReadings: {
        parameters: {
            query: {
                /** @description The id of the virtual meter. */
                virtualMeterId: number;
                /** @description Start of the span (inclusive): a date `yyyy-MM-dd` (midnight) or a full ISO 8601 date-time. With a week or month period it must be a Monday or the 1st of a month. When omitted, the server uses its own today. */
                start?: components["parameters"]["Start"];
                /** @description End of the span (exclusive): a date `yyyy-MM-dd` or a full ISO 8601 date-time. When omitted the span is one day, or one week or one month for those periods. */
                end?: components["parameters"]["End"];
                /** @description The length of each reading's period (weeks start on Monday). */
                integrationPeriod?: components["parameters"]["IntegrationPeriod"];
                /** @description False for UTC times, true for UK local time (GMT or BST); with true each `startTime` carries its offset and clock-change days have 46 or 50 half hours. */
                useLocalTime?: components["parameters"]["UseLocalTime"];
                /** @description How many decimal places values are rounded to. The vendor's documentation gives 1 to 5 with a default of 1; existing clients send 15 to get the values unrounded, which servers accept. */
                decimalPlaces?: components["parameters"]["DecimalPlaces"];
                /** @description When true, calibration readings stored for the register adjust the totals from their start time onward. */
                calibrated?: components["parameters"]["Calibrated"];
                /** @description When true, the server estimates missing readings by linear interpolation and flags them with `isInterpolated`. */
                interpolated?: components["parameters"]["Interpolated"];
                /** @description Which readings to use: those collected automatically (normal), those entered manually, or both merged. */
                source?: components["parameters"]["Source"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyReadings"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    importMeteredData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportMeteredDataRequest"];
            };
        };
        responses: {
            /** @description The readings were imported; any body carries no information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The readings were imported. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getIdcs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The IDCs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Idc"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getIdc: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The IDC's MAC address as an unsigned 48-bit integer, e.g. 112394521950 for `00:1A:2B:3C:4D:5E`. */
                macAddress: components["parameters"]["MacAddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The IDC. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Idc"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getIdcSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The IDC's MAC address as an unsigned 48-bit integer, e.g. 112394521950 for `00:1A:2B:3C:4D:5E`. */
                macAddress: components["parameters"]["MacAddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The IDC's settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdcSettings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    updateIdcSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateIdcSettingsRequest"];
            };
        };
        responses: {
            /** @description The settings were written; any body carries no information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The settings were written. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getModbusDevicesByIdc: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The IDC's MAC address as an unsigned 48-bit integer, e.g. 112394521950 for `00:1A:2B:3C:4D:5E`. */
                macAddress: components["parameters"]["MacAddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Modbus devices. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModbusDevice"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getModbusDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the Modbus device. */
                id: components["parameters"]["ModbusDeviceIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Modbus device. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModbusDevice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteModbusDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the Modbus device. */
                id: components["parameters"]["ModbusDeviceIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; any body carries no information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    updateModbusDevice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModbusDevice"];
            };
        };
        responses: {
            /** @description The device as stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModbusDevice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    addModbusDevice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewModbusDevice"];
            };
        };
        responses: {
            /** @description The device as created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModbusDevice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    commandModbusDevice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModbusCommand"];
            };
        };
        responses: {
            /** @description The outcome of the command. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModbusCommandResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getMeterTree: {
        parameters: {
            query?: {
                /** @description True for the whole subtree (children, grandchildren, ...), false for the group's direct children only. Existing clients send true. */
                recursively?: boolean;
                /** @description True for the groups alone, false to include their meters and virtual meters. Existing clients send false. */
                groupsOnly?: boolean;
                /** @description True to leave out the meters' registers, false to include them. Existing clients send false. */
                withoutRegister?: boolean;
            };
            header?: never;
            path: {
                /** @description The id of the group to start from; 0 is the root of the tree. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group and its contents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeterGroup"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getCalibrationReadings: {
        parameters: {
            query: {
                /** @description The id of the register. */
                registerId: number;
                /** @description The index of the first calibration reading to return (paging). */
                startIndex?: number;
                /** @description The most calibration readings to return. Existing clients send 2147483647 to get them all at once. */
                maxCount?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of calibration readings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalibrationReadingsPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getMetersByIdc: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The IDC's MAC address as an unsigned 48-bit integer, e.g. 112394521950 for `00:1A:2B:3C:4D:5E`. */
                macAddress: components["parameters"]["MacAddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The meters. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeterSummary"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    updateMeter: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Meter"];
            };
        };
        responses: {
            /** @description The meter as stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meter"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getMeterTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The meter types. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeterType"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getMeterType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the meter type. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The meter type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeterType"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    addRegisters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddRegistersRequest"];
            };
        };
        responses: {
            /** @description The registers were added; any body carries no information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The registers were added. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["User"];
            };
        };
        responses: {
            /** @description The user's details (reportedly as they were before the change). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUser"];
            };
        };
        responses: {
            /** @description The user as created, with its id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the user, a UUID-like string. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the user, a UUID-like string. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; any body carries no information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    getMeterRestrictionProfiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profiles. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RestrictionProfile"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getIdcRestrictionProfiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profiles. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RestrictionProfile"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
}
