//! Registration, authentication, profile, companies, users and the operator's back office.

use rc_types::accounts::{
    AccountManager, Application, ApproveApplication, Company, CompanyFile, CompanyInput, CompanyQuery,
    CompanyStatus, InviteUser, Profile, RegistrationForm, RegistrationReceipt, RejectApplication,
    UpdateProfile, UpdateUser, UserSummary,
};
use rc_types::auth::{
    ChangePassword, CompleteLink, LinkInfo, LinkToken, LoginRequest, PasswordResetRequest, SliderChallenge,
    TokenResponse,
};
use rc_types::mail::MailMessage;
use rc_types::{Page, PageQuery};
use reqwest::Method;
use reqwest::multipart::{Form, Part};

use crate::{Client, ClientError};

/// A file to upload: name and bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    /// File name as the user chose it.
    pub file_name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl Client {
    /// `GET /api/v1/account-managers` — operator account managers to choose at registration.
    pub async fn list_account_managers(&self) -> Result<Vec<AccountManager>, ClientError> {
        self.get("/account-managers", &()).await
    }

    /// `POST /api/v1/registrations` — submits an application with qualification files.
    pub async fn create_registration(
        &self,
        form: &RegistrationForm,
        files: Vec<Upload>,
    ) -> Result<RegistrationReceipt, ClientError> {
        let json = serde_json::to_string(form).map_err(|e| ClientError::Decode(e.to_string()))?;
        let mut multipart = Form::new().text("form", json);
        for file in files {
            multipart = multipart.part("files", Part::bytes(file.bytes).file_name(file.file_name));
        }
        Self::send(self.request(Method::POST, "/registrations").multipart(multipart)).await
    }

    /// `POST /api/v1/auth/challenges` — a slider challenge for the next login.
    pub async fn create_challenge(&self) -> Result<SliderChallenge, ClientError> {
        self.post("/auth/challenges", &()).await
    }

    /// `POST /api/v1/auth/login` — signs in; on success the access token is kept for later calls.
    pub async fn create_session(&self, request: &LoginRequest) -> Result<TokenResponse, ClientError> {
        let response: TokenResponse = self.post("/auth/login", request).await?;
        self.set_access_token(Some(response.access_token.clone()));
        Ok(response)
    }

    /// `POST /api/v1/auth/refresh` — rotates the refresh cookie (the browser sends it) for a new
    /// access token, which is kept for later calls.
    pub async fn refresh_token(&self) -> Result<TokenResponse, ClientError> {
        let response: TokenResponse = self.post("/auth/refresh", &()).await?;
        self.set_access_token(Some(response.access_token.clone()));
        Ok(response)
    }

    /// `POST /api/v1/auth/refresh` with an explicit refresh cookie value (native callers); returns
    /// the new tokens and the rotated cookie value.
    pub async fn refresh_token_with_cookie(
        &self,
        refresh_token: &str,
    ) -> Result<(TokenResponse, Option<String>), ClientError> {
        let request = self
            .request(Method::POST, "/auth/refresh")
            .header("cookie", format!("rc_refresh={refresh_token}"));
        let response = request
            .send()
            .await
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        let cookie = refresh_cookie_of(&response);
        let tokens: TokenResponse = crate::decode(response).await?;
        self.set_access_token(Some(tokens.access_token.clone()));
        Ok((tokens, cookie))
    }

    /// `POST /api/v1/auth/login` for native callers: also returns the refresh cookie value.
    pub async fn create_session_with_cookie(
        &self,
        request: &LoginRequest,
    ) -> Result<(TokenResponse, Option<String>), ClientError> {
        let response = self
            .request(Method::POST, "/auth/login")
            .json(request)
            .send()
            .await
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        let cookie = refresh_cookie_of(&response);
        let tokens: TokenResponse = crate::decode(response).await?;
        self.set_access_token(Some(tokens.access_token.clone()));
        Ok((tokens, cookie))
    }

    /// `POST /api/v1/auth/logout` — ends the session; forgets the access token.
    pub async fn end_session(&self) -> Result<(), ClientError> {
        let result = Self::send_empty(self.request(Method::POST, "/auth/logout")).await;
        self.set_access_token(None);
        result
    }

    /// `POST /api/v1/auth/links/inspect` — what an emailed link is for.
    pub async fn inspect_link(&self, token: &str) -> Result<LinkInfo, ClientError> {
        self.post(
            "/auth/links/inspect",
            &LinkToken {
                token: token.to_owned(),
            },
        )
        .await
    }

    /// `POST /api/v1/auth/links/complete` — activation, invitation acceptance or password reset.
    pub async fn complete_link(&self, request: &CompleteLink) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::POST, "/auth/links/complete").json(request)).await
    }

    /// `POST /api/v1/auth/password-reset-requests` — asks for a reset link.
    pub async fn request_password_reset(&self, email: &str) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::POST, "/auth/password-reset-requests").json(
            &PasswordResetRequest {
                email: email.to_owned(),
            },
        ))
        .await
    }

    /// `GET /api/v1/me` — the signed-in user's profile.
    pub async fn get_profile(&self) -> Result<Profile, ClientError> {
        self.get("/me", &()).await
    }

    /// `PATCH /api/v1/me` — edits one's name and phone.
    pub async fn update_profile(&self, update: &UpdateProfile) -> Result<Profile, ClientError> {
        Self::send(self.request(Method::PATCH, "/me").json(update)).await
    }

    /// `POST /api/v1/me/password` — changes one's password.
    pub async fn change_password(&self, change: &ChangePassword) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::POST, "/me/password").json(change)).await
    }

    /// `GET /api/v1/companies/{id}` — one company.
    pub async fn get_company(&self, id: i64) -> Result<Company, ClientError> {
        self.get(&format!("/companies/{id}"), &()).await
    }

    /// `PATCH /api/v1/companies/{id}` — edits a company's name and address.
    pub async fn update_company(&self, id: i64, input: &CompanyInput) -> Result<Company, ClientError> {
        Self::send(
            self.request(Method::PATCH, &format!("/companies/{id}"))
                .json(input),
        )
        .await
    }

    /// `POST /api/v1/companies/{id}/enable` — the operator or the parent distributor re-enables a company.
    pub async fn enable_company(&self, id: i64) -> Result<Company, ClientError> {
        self.post(&format!("/companies/{id}/enable"), &()).await
    }

    /// `POST /api/v1/companies/{id}/disable` — the operator or the parent distributor disables a company.
    pub async fn disable_company(&self, id: i64) -> Result<Company, ClientError> {
        self.post(&format!("/companies/{id}/disable"), &()).await
    }

    /// `GET /api/v1/companies/{id}/users` — a company's users.
    pub async fn list_company_users(&self, company_id: i64) -> Result<Vec<UserSummary>, ClientError> {
        self.get(&format!("/companies/{company_id}/users"), &()).await
    }

    /// `POST /api/v1/companies/{id}/users` — invites a user by email.
    pub async fn invite_user(
        &self,
        company_id: i64,
        invite: &InviteUser,
    ) -> Result<UserSummary, ClientError> {
        self.post(&format!("/companies/{company_id}/users"), invite).await
    }

    /// `GET /api/v1/companies/{id}/resellers` — a distributor's resellers.
    pub async fn list_resellers(
        &self,
        company_id: i64,
        query: &CompanyQuery,
    ) -> Result<Page<Company>, ClientError> {
        self.get(&format!("/companies/{company_id}/resellers"), query)
            .await
    }

    /// `POST /api/v1/companies/{id}/resellers` — adds a reseller.
    pub async fn create_reseller(
        &self,
        company_id: i64,
        input: &CompanyInput,
    ) -> Result<Company, ClientError> {
        self.post(&format!("/companies/{company_id}/resellers"), input)
            .await
    }

    /// `GET /api/v1/companies/{id}/files` — qualification files.
    pub async fn list_company_files(&self, company_id: i64) -> Result<Vec<CompanyFile>, ClientError> {
        self.get(&format!("/companies/{company_id}/files"), &()).await
    }

    /// `GET /api/v1/files/{id}` — a file's bytes.
    pub async fn download_file(&self, id: i64) -> Result<Vec<u8>, ClientError> {
        let response = self
            .request(Method::GET, &format!("/files/{id}"))
            .send()
            .await
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        if !response.status().is_success() {
            return Err(crate::error_of(response).await);
        }
        Ok(response
            .bytes()
            .await
            .map_err(|e| ClientError::Transport(e.to_string()))?
            .to_vec())
    }

    /// `PATCH /api/v1/users/{id}` — edits a user.
    pub async fn update_user(&self, id: i64, update: &UpdateUser) -> Result<UserSummary, ClientError> {
        Self::send(self.request(Method::PATCH, &format!("/users/{id}")).json(update)).await
    }

    /// `POST /api/v1/users/{id}/enable` — re-enables a user.
    pub async fn enable_user(&self, id: i64) -> Result<UserSummary, ClientError> {
        self.post(&format!("/users/{id}/enable"), &()).await
    }

    /// `POST /api/v1/users/{id}/disable` — disables a user (their sessions end).
    pub async fn disable_user(&self, id: i64) -> Result<UserSummary, ClientError> {
        self.post(&format!("/users/{id}/disable"), &()).await
    }

    /// `DELETE /api/v1/users/{id}` — deletes a user or revokes an invitation.
    pub async fn delete_user(&self, id: i64) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::DELETE, &format!("/users/{id}"))).await
    }

    /// `POST /api/v1/users/{id}/invitation` — resends the invitation.
    pub async fn resend_invitation(&self, id: i64) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::POST, &format!("/users/{id}/invitation"))).await
    }

    /// `POST /api/v1/users/{id}/transfer-admin` — makes the user the company admin.
    pub async fn transfer_admin(&self, id: i64) -> Result<UserSummary, ClientError> {
        self.post(&format!("/users/{id}/transfer-admin"), &()).await
    }

    /// `GET /api/v1/admin/applications` — the review queue (pending by default).
    pub async fn list_applications(
        &self,
        status: Option<CompanyStatus>,
        page: PageQuery,
    ) -> Result<Page<Application>, ClientError> {
        #[derive(serde::Serialize)]
        struct Query {
            #[serde(skip_serializing_if = "Option::is_none")]
            status: Option<CompanyStatus>,
            #[serde(flatten)]
            page: PageQuery,
        }
        self.get("/admin/applications", &Query { status, page }).await
    }

    /// `POST /api/v1/admin/applications/{id}/approve`.
    pub async fn approve_application(
        &self,
        id: i64,
        decision: &ApproveApplication,
    ) -> Result<Company, ClientError> {
        self.post(&format!("/admin/applications/{id}/approve"), decision)
            .await
    }

    /// `POST /api/v1/admin/applications/{id}/reject`.
    pub async fn reject_application(&self, id: i64, reason: &str) -> Result<Company, ClientError> {
        self.post(
            &format!("/admin/applications/{id}/reject"),
            &RejectApplication {
                reason: reason.to_owned(),
            },
        )
        .await
    }

    /// `GET /api/v1/admin/companies` — every company.
    pub async fn list_all_companies(&self, query: &CompanyQuery) -> Result<Page<Company>, ClientError> {
        self.get("/admin/companies", query).await
    }

    /// `GET /api/v1/admin/mail` — the outbox / dev mailbox.
    pub async fn list_mail(&self, page: PageQuery) -> Result<Page<MailMessage>, ClientError> {
        self.get("/admin/mail", &page).await
    }
}

/// The value of the `rc_refresh` cookie a response sets, if any.
fn refresh_cookie_of(response: &reqwest::Response) -> Option<String> {
    response.headers().get_all("set-cookie").iter().find_map(|value| {
        let text = value.to_str().ok()?;
        let pair = text.split(';').next()?;
        let (name, value) = pair.split_once('=')?;
        (name.trim() == "rc_refresh").then(|| value.trim().to_owned())
    })
}
